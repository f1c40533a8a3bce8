package io.cachesh.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cachesh.emulator.capitalonline.CapitalOnlineException;
import io.cachesh.emulator.capitalonline.CapitalOnlineMemcachedProvider;
import io.cachesh.emulator.cmem.CmemProvider;
import io.cachesh.emulator.dataplane.RedisBinary;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.huawei.HuaweiDcsProvider;
import io.cachesh.emulator.huawei.HuaweiFlavors;
import io.cachesh.emulator.tencent.Params;
import io.cachesh.emulator.tencent.ProductCatalog;
import io.cachesh.emulator.tencent.TencentRedisProvider;
import io.cachesh.emulator.tencentlegacy.TencentRedisLegacyProvider;
import io.cachesh.emulator.tencentlegacy.V2Exception;
import io.cachesh.emulator.tencentlegacy.V2Request;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The coverage table in docs/emulator.md ("## Coverage") states, per surface, how many of the model's operations the
 * emulator implements. This test counts them from the providers' registries (and, for the two providers that dispatch
 * with a switch, by asking each one whether it serves the action) and fails when the table's numbers differ.
 */
class CoverageDocTest {

    private static final Pattern ROW = Pattern.compile("^\\|[^|]+\\| `([a-z0-9-]+)` \\| (\\d+) / (\\d+) \\|", Pattern.MULTILINE);

    @Test
    void theCoverageTableMatchesTheProviders() throws Exception {
        Map<String, String> counted = new TreeMap<>();
        try (Fleet fleet = new Fleet(Duration.ZERO, Clock.systemUTC(), null,
                new RedisProcessManager(RedisBinary.unavailable("not needed")))) {
            TencentRedisProvider tencent = new TencentRedisProvider(fleet, ProductCatalog.load());
            count(counted, "tencent-redis", tencent::implementsAction);
            ApiModel legacyModel = Models.load("tencent-redis-legacy");
            TencentRedisLegacyProvider legacy = new TencentRedisLegacyProvider(legacyModel, tencent);
            count(counted, "tencent-redis-legacy", legacy.actions()::contains);
            HuaweiDcsProvider huawei = new HuaweiDcsProvider(fleet, HuaweiFlavors.standard(), "p");
            count(counted, "huawei-dcs-v2", op -> huawei.implementsOperation("v2", op));
            count(counted, "huawei-dcs-v1", op -> huawei.implementsOperation("v1", op));
            CmemProvider cmem = new CmemProvider(Models.load("tencent-cmem"), fleet);
            count(counted, "tencent-cmem", action -> serves(() -> cmem.handle(new V2Request(action, "gz", "r", "AKID",
                    JsonNodeFactory.instance.objectNode()))));
            CapitalOnlineMemcachedProvider cds = new CapitalOnlineMemcachedProvider(fleet);
            count(counted, "capitalonline-memcached", action -> serves(() -> cds.handle(action,
                    new Params(JsonNodeFactory.instance.objectNode()))));
        }

        String doc = Files.readString(docs().resolve("emulator.md"));
        String table = doc.substring(doc.indexOf("## Coverage"));
        table = table.substring(0, table.indexOf("\n## ", 3));
        Map<String, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) documented.put(m.group(1), m.group(2) + " / " + m.group(3));
        assertThat(documented).as("docs/emulator.md coverage table (model -> implemented / in the model)")
                .isEqualTo(counted);
        assertThat(counted).containsEntry("tencent-redis", "110 / 110").containsEntry("huawei-dcs-v2", "128 / 128");
    }

    private static void count(Map<String, String> into, String modelName, Predicate<String> implemented) {
        ApiModel model = Models.load(modelName);
        long n = model.operations().keySet().stream().filter(implemented).count();
        into.put(modelName, n + " / " + model.operations().size());
    }

    /** Whether a switch-dispatching provider serves the action: anything but its "not served" error counts. */
    private static boolean serves(Runnable call) {
        try {
            call.run();
            return true;
        } catch (V2Exception e) {
            return !e.getMessage().contains("does not serve");
        } catch (CapitalOnlineException e) {
            return !"InvalidAction".equals(e.code());
        } catch (RuntimeException e) {
            return true;   // the action ran and refused the empty input
        }
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/emulator.md"))) return p.resolve("docs");
        }
        throw new AssertionError("docs/emulator.md not found above " + Path.of("").toAbsolutePath());
    }
}
