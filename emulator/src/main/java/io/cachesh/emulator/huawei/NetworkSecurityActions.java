package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Network security (v2 5.11). SSL: the switch is instance state (the emulator's redis-server speaks no TLS): only Redis
 * 6.0 basic edition single, ha and cluster instances support it ({@code DCS.4201}), switching is a job that flips the
 * state after the task delay, and the certificate is valid for a year from the switch. IP whitelist: the groups
 * replace the previous ones at once (seed: at most 4 groups, 20 addresses or ranges per instance, never
 * {@code 0.0.0.0} or {@code 0.0.0.0/0}); it is recorded as an {@code AddWhitelist} background task. The loopback
 * redis-server does not filter clients by address.
 */
final class NetworkSecurityActions extends HuaweiActionGroup {

    static final String SSL_KEY = "huawei.ssl";
    static final String WHITELIST_KEY = "huawei.whitelist";
    static final int MAX_GROUPS = 4;
    static final int MAX_ADDRESSES = 20;
    private static final Set<String> SSL_MODES = Set.of("single", "ha", "cluster");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/(\\d{1,2}))?");

    /** SSL state: on or off, since when (the certificate's validity starts then). */
    record Ssl(boolean enabled, Instant since) {
    }

    /** One whitelist group. */
    record Group(String groupName, List<String> ipList) {
        Group {
            ipList = ipList == null ? List.of() : List.copyOf(ipList);
        }
    }

    /** The whitelist of an instance. */
    record Whitelist(boolean enabled, List<Group> groups) {
        Whitelist {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    NetworkSecurityActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("UpdateSslSwitch", this::updateSsl);
        actions.v2("ShowInstanceSslDetail", this::showSsl);
        actions.v2("DownloadSslCert", this::downloadCert);
        actions.v2("UpdateIpWhitelist", this::updateWhitelist);
        actions.v2("ShowIpWhitelist", this::showWhitelist);
    }

    // ---- SSL ------------------------------------------------------------------------------------------------------

    private Instance sslInstance(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String mode = state(i).cacheMode();
        if (!"6.0".equals(i.version()) || !SSL_MODES.contains(mode)) {
            throw new HuaweiException("DCS.4201", "DCS.4201", 400, "Do not support SSL: only Redis 6.0 basic edition "
                    + "single-node, master/standby and Cluster instances support SSL; " + i.id() + " is Redis "
                    + i.version() + " " + mode + ".");
        }
        return i;
    }

    static Ssl ssl(Instance i) {
        return i.extensions().get(SSL_KEY, Ssl.class, () -> new Ssl(false, null));
    }

    private ObjectNode updateSsl(HuaweiRequest r) {
        Instance i = sslInstance(r);
        requireRunning(i);
        Boolean enabled = r.bool("enabled");
        if (enabled == null) {
            throw new HuaweiException("DCS.4202", "DCS.4202", 400, "ssl request params are invalid: enabled is required.");
        }
        Task task = fleet.submit(i.id(), "UpdateSslSwitch", enabled ? "enableSsl" : "disableSsl", () -> {
            i.extensions().put(SSL_KEY, new Ssl(enabled, ctx.clock().instant()));
            fleet.changed();
            return "";
        });
        ObjectNode details = Json.object();
        if (enabled) details.put("enable_ssl", true);
        BackgroundTaskBook.details(fleet, task, details);
        ObjectNode out = object();
        out.put("job_id", job(task, enabled ? "enableSsl" : "disableSsl"));
        out.put("instance_id", i.id());
        out.putNull("result");
        return out;
    }

    /** {@code enabled} only when SSL is on (seed); the address is the instance's real one. */
    private ObjectNode showSsl(HuaweiRequest r) {
        Instance i = sslInstance(r);
        Ssl ssl = ssl(i);
        ObjectNode out = object();
        if (ssl.enabled()) out.put("enabled", true);
        out.put("ip", "127.0.0.1");
        out.put("port", Integer.toString(i.dataPort()));
        out.put("domain_name", "127.0.0.1:" + i.dataPort());
        if (ssl.enabled() && ssl.since() != null) {
            Instant expires = ssl.since().plus(Duration.ofDays(365));
            out.put("ssl_expired_at", time(expires));
            out.put("ssl_validated", ctx.clock().instant().isBefore(expires));
        } else {
            out.put("ssl_validated", false);
        }
        return out;
    }

    private ObjectNode downloadCert(HuaweiRequest r) {
        Instance i = sslInstance(r);
        Ssl ssl = ssl(i);
        if (!ssl.enabled()) {
            throw new HuaweiException("DCS.4201", "DCS.4201", 400, "Do not support SSL: SSL is not enabled on " + i.id()
                    + " (UpdateSslSwitch enabled=true first).");
        }
        String fileName = "dcs-ssl-" + i.id() + ".zip";
        long expires = ctx.clock().instant().plus(Duration.ofMinutes(5)).getEpochSecond();
        ObjectNode out = object();
        out.put("bucket_name", "dcs-ssl-certs");
        out.put("file_name", fileName);
        out.put("link", "https://dcs-ssl-certs.obs." + HuaweiContext.REGION + ".myhuaweicloud.com:443/ssl-" + i.id() + "/"
                + fileName + "?AWSAccessKeyId=CACHESHEMULATOR&Expires=" + expires + "&Signature=" + ctx.hexId());
        return out;
    }

    // ---- whitelist ------------------------------------------------------------------------------------------------

    static Whitelist whitelist(Instance i) {
        return i.extensions().get(WHITELIST_KEY, Whitelist.class, () -> new Whitelist(false, List.of()));
    }

    private static HuaweiException invalidWhitelist(String member, String detail) {
        return new HuaweiException("DCS.4063", "111400063", 400, "Invalid " + member + " parameter in the request: " + detail);
    }

    private ObjectNode updateWhitelist(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String bodyId = r.string("instance_id_body");
        if (bodyId != null && !bodyId.isEmpty() && !bodyId.equals(i.id())) {
            throw invalidWhitelist("instance_id", "the body names " + bodyId + " but the path " + i.id() + ".");
        }
        requireRunning(i);
        Boolean enabled = r.bool("enable_whitelist");
        if (enabled == null) throw invalidWhitelist("enable_whitelist", "it is required.");
        List<JsonNode> items = r.list("whitelist");
        if (items.size() > MAX_GROUPS) {
            throw invalidWhitelist("whitelist", "an instance has at most " + MAX_GROUPS + " whitelist groups, got " + items.size() + ".");
        }
        List<Group> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int addresses = 0;
        for (JsonNode item : items) {
            String name = item.path("group_name").asText("").trim();
            if (name.isEmpty()) throw invalidWhitelist("group_name", "every group needs a name.");
            if (!names.add(name)) throw invalidWhitelist("group_name", "group `" + name + "` is given twice.");
            List<String> ips = new ArrayList<>();
            for (JsonNode ip : item.path("ip_list")) {
                for (String one : ip.asText("").split(",")) {
                    String address = one.trim();
                    if (address.isEmpty()) continue;
                    checkAddress(address);
                    ips.add(address);
                }
            }
            if (ips.isEmpty()) throw invalidWhitelist("ip_list", "group `" + name + "` has no IP address.");
            addresses += ips.size();
            groups.add(new Group(name, ips));
        }
        if (addresses > MAX_ADDRESSES) {
            throw invalidWhitelist("ip_list", "an instance's whitelist holds at most " + MAX_ADDRESSES
                    + " IP addresses or ranges, got " + addresses + ".");
        }
        if (enabled && groups.isEmpty()) throw invalidWhitelist("whitelist", "enabling the whitelist needs at least one group.");
        Whitelist next = new Whitelist(enabled, groups);
        i.extensions().put(WHITELIST_KEY, next);
        fleet.changed();
        Task task = fleet.submit(i.id(), "AddWhitelist", "AddWhitelist", () -> "");
        ObjectNode details = Json.object();
        if (!groups.isEmpty()) details.put("group_name", groups.get(0).groupName());
        BackgroundTaskBook.details(fleet, task, details);
        return null;
    }

    private static void checkAddress(String address) {
        var m = IPV4.matcher(address);
        if (!m.matches()) throw invalidWhitelist("ip_list", "`" + address + "` is not an IPv4 address or CIDR range.");
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) throw invalidWhitelist("ip_list", "`" + address + "` is not an IPv4 address.");
        }
        if (m.group(6) != null && Integer.parseInt(m.group(6)) > 32) {
            throw invalidWhitelist("ip_list", "`" + address + "` has a prefix longer than 32.");
        }
        if (address.equals("0.0.0.0") || address.equals("0.0.0.0/0")) {
            throw invalidWhitelist("ip_list", "0.0.0.0 and 0.0.0.0/0 are not allowed in a whitelist.");
        }
    }

    private ObjectNode showWhitelist(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        Whitelist w = whitelist(i);
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.put("enable_whitelist", w.enabled());
        ArrayNode items = out.putArray("whitelist");
        for (Group g : w.groups()) {
            ObjectNode n = items.addObject();
            n.put("group_name", g.groupName());
            ArrayNode ips = n.putArray("ip_list");
            g.ipList().forEach(ips::add);
        }
        return out;
    }
}
