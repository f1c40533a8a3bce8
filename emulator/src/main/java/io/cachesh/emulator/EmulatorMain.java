package io.cachesh.emulator;

import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.control.FaultRules;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code EmulatorMain --port N [--state DIR] [--task-delay-ms N] [--huawei-project-id ID]}: starts the emulator,
 * prints its endpoint, the accepted SecretId/SecretKey (Tencent; the same pair is Huawei's AK/SK), the Huawei project id
 * and IAM user, and whether a real data plane is available, then serves until killed. {@code --faults FILE} loads
 * fault rules ({@link FaultRules}) active from the start and lists them.
 */
public final class EmulatorMain {


    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Emulator emulator = start(args, System.out, System.err);
        if (emulator == null) System.exit(2);
        new CountDownLatch(1).await(); // serve until killed; the JVM exit hook stops the data plane
    }

    /** Starts the emulator and prints how to reach it; null (after printing usage) when the arguments are wrong. */
    static Emulator start(String[] args, PrintStream out, PrintStream err) throws Exception {
        Emulator.Builder builder = Emulator.builder();
        List<FaultRule> faults = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            try {
                switch (arg) {
                    case "--port" -> builder.port(Integer.parseInt(args[++i]));
                    case "--state" -> builder.stateDir(Path.of(args[++i]));
                    case "--task-delay-ms" -> builder.taskDelay(Duration.ofMillis(Long.parseLong(args[++i])));
                    case "--redis-server" -> builder.redisServerBinary(Path.of(args[++i]));
                    case "--no-throttling" -> builder.throttling(false);
                    case "--huawei-project-id" -> builder.huaweiProjectId(args[++i]);
                    case "--memcached" -> builder.memcachedBinary(Path.of(args[++i]));
                    case "--faults" -> faults.addAll(FaultRules.load(Path.of(args[++i])));
                    case "-h", "--help" -> {
                        usage(out);
                        return null;
                    }
                    default -> {
                        err.println("unknown option " + arg);
                        usage(err);
                        return null;
                    }
                }
            } catch (java.io.IOException e) {
                err.println("cannot read the fault file for " + arg + ": " + e.getMessage());
                return null;
            } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                err.println("bad value for " + arg + ": " + e.getMessage());
                usage(err);
                return null;
            }
        }
        Emulator emulator = builder.build().start();
        faults.forEach(emulator.faults()::add);
        out.println("cachesh emulator listening on " + emulator.endpoint());
        out.println("  SecretId:   " + emulator.credentials().keyId());
        out.println("  SecretKey:  " + emulator.credentials().secret().reveal());
        out.println("  Huawei DCS: AK " + emulator.credentials().keyId() + " / SK " + emulator.credentials().secret().reveal()
                + ", project id " + emulator.huaweiProjectId() + ", region " + emulator.huaweiRegion());
        out.println("  Huawei IAM: user " + emulator.iamCredentials().userName() + " / password "
                + emulator.iamCredentials().password().reveal() + ", domain " + emulator.iamCredentials().domainName()
                + " (POST /v3/auth/tokens)");
        out.println("  task delay: " + emulator.taskDelay().toMillis() + " ms");
        out.println("  throttling: " + (emulator.throttling() ? "per-action rate limits enforced" : "off"));
        if (emulator.dataPlaneAvailable()) {
            out.println("  data plane: redis-server " + emulator.dataPlaneDescription());
        } else {
            out.println("  data plane: NOT AVAILABLE - control plane only, instances get no redis-server ("
                    + emulator.dataPlaneDescription() + ")");
        }
        // Memcached surfaces (Tencent CMEM, CapitalOnline)
        if (emulator.memcachedAvailable()) {
            out.println("  memcached:  " + emulator.memcachedDescription());
        } else {
            out.println("  memcached:  NOT AVAILABLE - CMEM and CapitalOnline instances are control plane only ("
                    + emulator.memcachedDescription() + ")");
        }
        for (FaultRule f : emulator.faults().rules()) out.println("  fault:      " + f.describe());
        out.flush();
        return emulator;
    }

    private static void usage(PrintStream out) {
        out.println("usage: EmulatorMain --port N [--state DIR] [--task-delay-ms N] [--redis-server PATH] [--memcached PATH] [--no-throttling] [--huawei-project-id ID] [--faults FILE]");
    }
}
