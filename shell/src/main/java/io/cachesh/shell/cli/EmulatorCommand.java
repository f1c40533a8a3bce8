package io.cachesh.shell.cli;

import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.control.FaultRules;
import java.util.List;
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh emulator --port 9000 --state DIR}: runs the emulator in the foreground, prints its endpoint
 * and the SecretId/SecretKey it accepts; Ctrl-C stops it and its redis processes.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the local cloud emulator in the foreground (Ctrl-C stops it).")
public final class EmulatorCommand implements Callable<Integer> {

    @ParentCommand
    CacheshCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "9000",
            description = "Port on 127.0.0.1 (0 picks a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--state", paramLabel = "<dir>", description = "Keep the fleet's state in this directory.")
    Path state;

    @Option(names = "--task-delay-ms", paramLabel = "<ms>",
            description = "How long asynchronous tasks (create, resize...) take.")
    Long taskDelayMillis;

    @Option(names = "--faults", paramLabel = "<file>",
            description = "Fault rules (JSON, see docs/emulator.md) active from the start.")
    Path faults;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        try {
            if (port < 0 || port > 65535) throw new io.cachesh.shell.config.UsageException("port out of range: " + port);
            if (taskDelayMillis != null && taskDelayMillis < 0) {
                throw new io.cachesh.shell.config.UsageException("--task-delay-ms < 0: " + taskDelayMillis);
            }
            return serve();
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug);
        }
    }

    /** The rules of {@code --faults}; a bad file is a usage error naming the rule and the field. */
    private List<FaultRule> faultRules() {
        if (faults == null) return List.of();
        try {
            return FaultRules.load(faults);
        } catch (java.io.IOException e) {
            throw new io.cachesh.shell.config.UsageException("--faults: cannot read " + faults + " (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new io.cachesh.shell.config.UsageException("--faults: " + e.getMessage());
        }
    }

    private int serve() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Emulator.Builder builder = Emulator.builder().port(port).stateDir(state);
        if (taskDelayMillis != null) builder.taskDelay(Duration.ofMillis(taskDelayMillis));
        List<FaultRule> rules = faultRules();
        Emulator emulator = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter err = spec.commandLine().getErr();
        Thread hook = new Thread(() -> {
            err.println("stopping the emulator");
            err.flush();
            emulator.close();
            stopped.countDown();
        }, "cachesh-emulator-stop");
        emulator.start();
        rules.forEach(emulator.faults()::add);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Credentials c = emulator.credentials();
            out.println("cachesh emulator listening on " + emulator.endpoint());
            out.println("  SecretId:  " + c.keyId());
            out.println("  SecretKey: " + c.secret().reveal());
            if (state != null) out.println("  state:     " + state.toAbsolutePath());
            for (FaultRule r : rules) out.println("  fault:     " + r.describe());
            out.println("Use it: export TENCENTCLOUD_SECRET_ID=" + c.keyId() + " TENCENTCLOUD_SECRET_KEY=" + c.secret().reveal()
                    + "; cachesh --endpoint " + emulator.endpoint());
            out.println("Press Ctrl-C to stop.");
            out.flush();
            parent.environment().awaitStop(stopped);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            emulator.close();
        }
        return 0;
    }
}
