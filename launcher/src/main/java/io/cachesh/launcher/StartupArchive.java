package io.cachesh.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class-data-sharing archive the launcher passes to the JVM ({@code -XX:SharedArchiveFile}, named by
 * {@code -Dcachesh.cds=FILE}). When it is missing or older than a jar of the class path, a background JVM records
 * a new one ({@code -XX:ArchiveClassesAtExit}) while running {@link #TRAINING}: an in-process {@code -e} and a REPL
 * on a closed input, so both the client and the in-process commands start from it. The file appears atomically.
 */
public final class StartupArchive {

    /** The training main class (in the shell jar). */
    public static final String TRAINING = "io.cachesh.shell.cli.StartupTraining";

    private StartupArchive() {
    }

    /** Starts the training in the background if the archive named by {@code cachesh.cds} is missing or stale. */
    public static void refreshInBackground() {
        String target = System.getProperty("cachesh.cds");
        if (target == null || target.isBlank() || System.getenv("CACHESH_CDS_TRAINING") != null) return;
        File archive = new File(target);
        String cp = System.getProperty("java.class.path", "");
        if (!stale(archive, cp)) return;
        File dir = archive.getAbsoluteFile().getParentFile();
        if (dir == null || (!dir.isDirectory() && !dir.mkdirs()) || !dir.canWrite()) return;
        File lock = new File(dir, archive.getName() + ".training");
        try {
            // one training at a time; a failed training leaves its marker, so it is tried again only after 10 minutes
            if (!lock.createNewFile() && System.currentTimeMillis() - lock.lastModified() < 600_000) return;
            lock.setLastModified(System.currentTimeMillis());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String tmp = archive.getAbsolutePath() + ".tmp";
            String script = "\"$0\" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit=\"$1\" -cp \"$3\" "
                    + TRAINING + " >/dev/null 2>&1 && mv -f \"$1\" \"$2\" && rm -f \"$4\"; rm -f \"$1\"";
            List<String> cmd = new ArrayList<>();
            if (new File("/usr/bin/setsid").canExecute()) cmd.add("/usr/bin/setsid");
            cmd.addAll(List.of("/bin/sh", "-c", script, java, tmp, archive.getAbsolutePath(), absolute(cp), lock.getAbsolutePath()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().keySet().removeIf(DaemonDir::credential);
            pb.environment().put("CACHESH_CDS_TRAINING", "1");
            pb.environment().put("CACHESH_DAEMON", "off");
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectErrorStream(true);
            pb.start();
        } catch (IOException | RuntimeException e) {
            lock.delete(); // only a missed speed-up
        }
    }

    /** Missing, or older than an entry of the class path (a rebuilt or upgraded jar: the JVM would refuse it). */
    static boolean stale(File archive, String cp) {
        long made = archive.lastModified();
        if (made == 0) return true;
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty() && new File(e).lastModified() > made) return true;
        }
        return false;
    }

    private static String absolute(String cp) {
        List<String> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) if (!e.isEmpty()) out.add(new File(e).getAbsolutePath());
        return String.join(File.pathSeparator, out);
    }
}
