package io.cachesh.shell.magic;

import io.cachesh.shell.config.EmulatorControl;
import io.cachesh.shell.config.UsageException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code %emulator start|stop|status}: the embedded emulator. {@code start} points the session at it,
 * {@code stop} stops it with its redis processes, {@code status} shows its endpoint, instances and data plane.
 */
public final class EmulatorMagic implements Magic {

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public String usage() {
        return "%emulator [start|stop|status]  the embedded emulator";
    }

    @Override
    public Object run(String args, MagicContext context) {
        EmulatorControl control = context.emulator()
                .orElseThrow(() -> new UsageException("%emulator: this shell has no embedded emulator"));
        PrintWriter out = context.out();
        switch (args) {
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
            default -> throw new UsageException("usage: %emulator start|stop|status");
        }
        out.flush();
        return null;
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
