package io.cachesh.shell.magic;

import io.cachesh.shell.config.EmulatorControl;
import io.cachesh.shell.config.UsageException;
import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.control.FaultRules;
import io.cachesh.emulator.control.Faults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code %emulator start|stop|status|faults}: the embedded emulator. {@code start} points the session at it,
 * {@code stop} stops it with its redis processes, {@code status} shows its endpoint, instances and data plane,
 * {@code faults [list|add JSON|load FILE|clear]} shows or changes its injected faults (the JSON of docs/emulator.md).
 */
public final class EmulatorMagic implements Magic {

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public String usage() {
        return "%emulator [start|stop|status|faults [list|add JSON|load FILE|clear]]  the embedded emulator";
    }

    @Override
    public Object run(String args, MagicContext context) {
        EmulatorControl control = context.emulator()
                .orElseThrow(() -> new UsageException("%emulator: this shell has no embedded emulator"));
        PrintWriter out = context.out();
        String trimmed = args.trim();
        if (trimmed.equals("faults") || trimmed.startsWith("faults ")) {
            faults(control, trimmed.substring("faults".length()).trim(), out);
            out.flush();
            return null;
        }
        switch (trimmed) {
            case "", "status" -> status(control, out);
            case "start" -> {
                boolean was = control.emulatorStatus().isPresent() && control.usesEmulator();
                String endpoint = control.startEmulator();
                if (!was) context.reopenSession();
                out.println("emulator running at " + endpoint + (was ? "" : "; the session uses it from the next cell"));
            }
            case "stop" -> {
                int processes = control.stopEmulator();
                if (processes < 0) {
                    out.println("emulator: not running");
                } else {
                    context.reopenSession();
                    out.println("emulator stopped (" + processes + " redis " + (processes == 1 ? "process" : "processes")
                            + " stopped)" + (control.usesEmulator() ? "; the next cell starts a new one"
                            : "; the session uses the configured credentials again"));
                }
            }
            default -> throw new UsageException("usage: %emulator start|stop|status|faults [list|add JSON|load FILE|clear]");
        }
        out.flush();
        return null;
    }

    private static void faults(EmulatorControl control, String args, PrintWriter out) {
        Faults faults = control.emulatorFaults()
                .orElseThrow(() -> new UsageException("%emulator faults: the emulator is not running (%emulator start)"));
        String verb = args.isEmpty() ? "list" : args.split("\\s+", 2)[0];
        String rest = args.isEmpty() ? "" : args.substring(verb.length()).trim();
        switch (verb) {
            case "list" -> {
                List<FaultRule> rules = faults.rules();
                if (rules.isEmpty()) out.println("faults: none");
                for (int i = 0; i < rules.size(); i++) out.println("fault " + (i + 1) + ": " + rules.get(i).describe());
            }
            case "add", "load" -> {
                if (rest.isEmpty()) throw new UsageException("%emulator faults " + verb + ": give " + (verb.equals("add") ? "a rule as JSON" : "a file"));
                List<FaultRule> rules;
                try {
                    rules = verb.equals("add") ? FaultRules.parseAll(rest) : FaultRules.load(Path.of(rest));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("%emulator faults " + verb + ": " + e.getMessage());
                } catch (IOException e) {
                    throw new UsageException("%emulator faults load: cannot read " + rest + " (" + e.getMessage() + ")");
                }
                rules.forEach(faults::add);
                for (FaultRule r : rules) out.println("fault added: " + r.describe());
            }
            case "clear" -> {
                int n = faults.rules().size();
                faults.clear();
                out.println("faults cleared (" + n + ")");
            }
            default -> throw new UsageException("usage: %emulator faults [list|add JSON|load FILE|clear]");
        }
    }

    private static void status(EmulatorControl control, PrintWriter out) {
        Optional<EmulatorControl.Status> status = control.emulatorStatus();
        if (status.isEmpty()) {
            out.println("emulator: not running" + (control.usesEmulator() ? " (the next cell starts it)" : ""));
            return;
        }
        EmulatorControl.Status s = status.get();
        out.println("emulator:   running at " + s.endpoint() + (control.usesEmulator() ? " (in use)" : " (not in use)"));
        out.println("instances:  " + s.instances());
        out.println("redis:      " + s.redisProcesses() + (s.redisProcesses() == 1 ? " process" : " processes"));
        out.println("data plane: " + s.dataPlane());
    }
}
