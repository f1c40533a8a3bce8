package io.cachesh.bench;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Tc3Signer;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepares the emulator throughput run with {@code wrk} (a load generator in C, so that the 2 cores go to the
 * emulator rather than to a JVM client): makes sure the fleet has {@code --instances} running instances, then writes
 * a wrk Lua script that sends one DescribeInstances(Limit = that many) signed with TC3-HMAC-SHA256 for the emulator's
 * default key. TC3 signatures carry no nonce, so the signed request stays valid for the documented 5 minutes of clock
 * skew, as it would against the real API; the emulator verifies it on every request. The script counts answers that
 * are not HTTP 200 or carry {@code "Error"} or lack {@code "InstanceSet"}, and prints one JSON line at the end.
 * <pre>WrkRequest --endpoint URL --instances 20 --out describe.lua</pre>
 */
public final class WrkRequest {

    public static void main(String[] args) throws Exception {
        String endpoint = null;
        int instances = 20;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[++i];
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (endpoint == null || out == null) throw new IllegalArgumentException("--endpoint and --out are required");
        Credentials credentials = Emulator.DEFAULT_CREDENTIALS;
        try (TencentRedisClient redis = TencentRedisClient.create(ClientConfig.builder().credentials(credentials)
                .region("ap-guangzhou").endpoint(endpoint).rateLimiting(false).retryPolicy(RetryPolicy.none()).build())) {
            EmulatorLoad.ensureFleet(redis, instances);
        }
        Files.writeString(out, script(URI.create(endpoint), credentials, instances, System.currentTimeMillis() / 1000));
        System.exit(0);
    }

    static String script(URI endpoint, Credentials credentials, int limit, long timestamp) {
        String host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        String contentType = "application/json; charset=utf-8";
        String body = "{\"Limit\":" + limit + ",\"Offset\":0}";
        Tc3Signer.Input input = new Tc3Signer.Input("POST", "/", "", Map.of("content-type", contentType, "host", host),
                body.getBytes(StandardCharsets.UTF_8), "redis", timestamp);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("Content-Type", contentType);
        headers.put("X-TC-Action", "DescribeInstances");
        headers.put("X-TC-Version", "2018-04-12");
        headers.put("X-TC-Timestamp", Long.toString(timestamp));
        headers.put("X-TC-Region", "ap-guangzhou");
        headers.put("Authorization", Tc3Signer.authorization(credentials, input));
        StringBuilder lua = new StringBuilder();
        lua.append("-- DescribeInstances(Limit=").append(limit).append("), TC3-signed at ").append(timestamp)
                .append(" (valid 5 minutes); written by io.cachesh.bench.WrkRequest\n");
        lua.append("wrk.method = \"POST\"\nwrk.path = \"/\"\nwrk.body = '").append(body).append("'\n");
        headers.forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
        lua.append("""
                local threads = {}
                function setup(thread) table.insert(threads, thread) end
                function init(args) errors = 0 end
                function response(status, headers, body)
                  if status ~= 200 or string.find(body, '"Error"', 1, true) or not string.find(body, '"InstanceSet"', 1, true) then
                    errors = errors + 1
                  end
                end
                function done(summary, latency, requests)
                  local e = 0
                  for _, t in ipairs(threads) do e = e + t:get("errors") end
                  local s = summary.errors
                  io.write(string.format('{"requests":%d,"durationMicros":%d,"errors":%d,"socketErrors":%d,'
                    .. '"p50Micros":%d,"p90Micros":%d,"p99Micros":%d,"maxMicros":%d}\\n',
                    summary.requests, summary.duration, e, s.connect + s.read + s.write + s.status + s.timeout,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
                end
                """);
        return lua.toString();
    }
}
