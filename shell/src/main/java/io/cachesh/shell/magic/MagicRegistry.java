package io.cachesh.shell.magic;

import io.cachesh.shell.config.UsageException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The known magics by name, in registration order. */
public final class MagicRegistry {

    private final Map<String, Magic> magics = new LinkedHashMap<>();

    public MagicRegistry register(Magic magic) {
        magics.put(magic.name(), magic);
        return this;
    }

    /** The default set: provider, region, time, history, save, load, run, dryrun, output, emulator, who, reset, java, help. */
    public static MagicRegistry defaults() {
        return new MagicRegistry()
                .register(new ProviderMagic())
                .register(new RegionMagic())
                .register(new TimeMagic())
                .register(new HistoryMagic())
                .register(new SaveMagic())
                .register(new LoadMagic())
                .register(new RunMagic())
                .register(new DryRunMagic())
                .register(new OutputMagic())
                .register(new QueryMagic())
                .register(new EmulatorMagic())
                .register(new WhoMagic())
                .register(new ResetMagic())
                .register(new JavaMagic())
                .register(new HelpMagic());
    }

    public Optional<Magic> find(String name) {
        return Optional.ofNullable(magics.get(name));
    }

    public Collection<Magic> all() {
        return magics.values();
    }

    /** Name to usage, for completion. */
    public Map<String, String> usages() {
        Map<String, String> out = new LinkedHashMap<>();
        magics.values().forEach(m -> out.put(m.name(), m.usage()));
        return out;
    }

    /** Runs {@code %name args}; an unknown name is a usage error. */
    public Object run(String line, MagicContext context) {
        String body = line.strip();
        if (body.startsWith("%")) body = body.substring(1);
        int space = indexOfWhitespace(body);
        String name = space < 0 ? body : body.substring(0, space);
        String args = space < 0 ? "" : body.substring(space + 1).strip();
        Magic magic = find(name).orElseThrow(() ->
                new UsageException("unknown magic %" + name + " (try %help)"));
        return magic.run(args, context);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }
}
