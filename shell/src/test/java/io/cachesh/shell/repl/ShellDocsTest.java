package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL sessions of docs/shell.md marked {@code <!-- replayed by ShellDocsTest -->}: their {@code In [n]:} cells
 * are typed into a REPL on a dumb terminal against the embedded emulator (working directory {@code /home/me}), and
 * the transcript must match the block, instance ids, ports, durations and client hashes aside.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShellDocsTest {

    static final String MARK = "<!-- replayed by ShellDocsTest -->\n```\n";
    static final Pattern CELL = Pattern.compile("^In \\[\\d+]: (.*)$");
    static final Pattern MORE = Pattern.compile("^\\s+\\.\\.\\.: (.*)$");

    @TempDir
    Path home;

    @Test
    void theDocumentedSessionsReplay() throws IOException {
        String docs = docs();
        int at = 0;
        int blocks = 0;
        while ((at = docs.indexOf(MARK, at)) >= 0) {
            int start = at + MARK.length();
            int end = docs.indexOf("```", start);
            replay(docs.substring(start, end));
            blocks++;
            at = end;
        }
        assertThat(blocks).isPositive();
    }

    private void replay(String block) throws IOException {
        List<String> cells = new ArrayList<>();
        for (String line : block.split("\n")) {
            Matcher cell = CELL.matcher(line);
            Matcher more = MORE.matcher(line);
            if (cell.matches()) cells.add(cell.group(1));
            else if (more.matches() && !cells.isEmpty()) cells.set(cells.size() - 1, cells.get(cells.size() - 1) + "\n" + more.group(1));
        }
        String typed = String.join("\n", cells) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = Files.createDirectories(home.resolve("me"));
        try (Sessions sessions = new Sessions(Optional.empty(), false);
             DumbTerminal terminal = new DumbTerminal("test", "dumb", new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                     out, StandardCharsets.UTF_8);
             Repl repl = new Repl(terminal, ShellSettings.defaults(), sessions, Vocabulary::load, null, false, false)) {
            repl.emulator(sessions).workingDirectory(dir).echoInput(true);
            repl.run(List.of());
        }
        String transcript = out.toString(StandardCharsets.UTF_8).replace("\r", "").replace(dir.toString(), "/home/me");
        transcript = transcript.substring(0, transcript.lastIndexOf("In [")); // the prompt after the last cell
        assertThat(normalize(transcript)).as("actual transcript:\n" + transcript).isEqualTo(normalize(block));
    }

    static String normalize(String s) {
        return s.replaceAll("crs-[a-z0-9]{8}", "crs-ID")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
                .replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "N s")
                .replaceAll("@[0-9a-f]{4,}", "@HASH")
                .replaceAll("(data plane: ).*", "$1...")
                .replaceAll(" {2,}", "  ")
                .replaceAll("(?m)[ \\t]+$", "")
                .strip();
    }

    private static String docs() throws IOException {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isRegularFile(d.resolve("docs/shell.md"))) d = d.getParent();
        if (d == null) throw new IOException("docs/shell.md not found");
        return Files.readString(d.resolve("docs/shell.md"));
    }
}
