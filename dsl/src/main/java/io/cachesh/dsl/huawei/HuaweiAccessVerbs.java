package io.cachesh.dsl.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.DslTimeoutException;
import io.cachesh.dsl.ModelClient;
import io.cachesh.dsl.Polling;
import io.cachesh.dsl.StatusTasks;
import io.cachesh.dsl.WaitOptions;
import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may reach a Huawei DCS instance: the IP whitelist (ShowIpWhitelist / UpdateIpWhitelist, addresses and CIDR
 * ranges in named groups) and the ACL accounts (ListAclAccounts, CreateAclAccount, UpdateAclAccount for the role,
 * DeleteAclAccount). Huawei roles are {@code read} and {@code write} (read-write), so the neutral {@code readwrite}
 * is Huawei's {@code write} and a write-only account does not exist.
 */
final class HuaweiAccessVerbs {

    /** The group the DSL puts the addresses it adds into. */
    static final String GROUP = "cachesh";

    private final ModelClient api;
    private final DslOutput output;
    private final Duration pollInterval;

    HuaweiAccessVerbs(ModelClient api, DslOutput output, Duration pollInterval) {
        this.api = api;
        this.output = output;
        this.pollInterval = pollInterval;
    }

    // ---------------------------------------------------------------- whitelist

    List<WhitelistEntry> whitelist(Instance current) {
        JsonNode r = api.call("ShowIpWhitelist", Map.of("instance_id", current.getId()));
        List<WhitelistEntry> out = new ArrayList<>();
        if (!r.path("enable_whitelist").asBoolean(false)) return out;
        for (JsonNode g : r.path("whitelist")) {
            for (JsonNode ip : g.path("ip_list")) {
                out.add(new WhitelistEntry(current.getId(), WhitelistEntry.CIDR, ip.asText(),
                        g.path("group_name").asText(), List.of(ip.asText()), null));
            }
        }
        return out;
    }

    /** The groups as they are, minus {@code remove}, plus {@code add} in the {@value #GROUP} group; empty disables. */
    List<WhitelistEntry> whitelist(Instance current, List<String> add, List<String> remove, WaitOptions wait) {
        String label = Polling.label(current);
        for (String a : add) checkAddress(a);
        JsonNode shown = api.call("ShowIpWhitelist", Map.of("instance_id", current.getId()));
        boolean enabled = shown.path("enable_whitelist").asBoolean(false);
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        if (enabled) {
            for (JsonNode g : shown.path("whitelist")) {
                Set<String> ips = groups.computeIfAbsent(g.path("group_name").asText(), k -> new LinkedHashSet<>());
                g.path("ip_list").forEach(ip -> ips.add(ip.asText()));
            }
        }
        Set<String> before = new LinkedHashSet<>();
        groups.values().forEach(before::addAll);
        groups.values().forEach(ips -> ips.removeAll(remove));
        for (String a : add) {
            if (groups.values().stream().noneMatch(ips -> ips.contains(a))) {
                groups.computeIfAbsent(GROUP, k -> new LinkedHashSet<>()).add(a);
            }
        }
        groups.values().removeIf(Set::isEmpty);
        Set<String> after = new LinkedHashSet<>();
        groups.values().forEach(after::addAll);
        if (after.equals(before)) {
            output.info("whitelist " + label + ": nothing to change");
            return whitelist(current);
        }
        List<Map<String, Object>> body = new ArrayList<>();
        groups.forEach((name, ips) -> body.add(Map.of("group_name", name, "ip_list", List.copyOf(ips))));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_id", current.getId());
        p.put("enable_whitelist", !body.isEmpty());
        p.put("whitelist", body);
        if (api.call("UpdateIpWhitelist", p) == null) return List.of();
        output.info("whitelist " + label + ": " + (body.isEmpty() ? "disabled (no address left: every client may "
                + "connect)" : "now " + String.join(", ", after)));
        if (wait.enabled()) {
            poll("whitelist", label, wait.timeout(), () -> Optional.of(whitelist(current)),
                    entries -> entries.stream().map(WhitelistEntry::getId).toList().containsAll(after)
                            && entries.size() == after.size(), "the new whitelist");
        }
        return whitelist(current);
    }

    /** An IPv4 address or CIDR range, as UpdateIpWhitelist takes them. */
    private static void checkAddress(String address) {
        if (!address.matches("(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?")) {
            throw new DslException("whitelist: huawei whitelists IPv4 addresses and CIDR ranges (10.0.0.0/8), got '"
                    + address + "'");
        }
    }

    // ---------------------------------------------------------------- accounts

    List<Account> accounts(Instance current) {
        JsonNode r = api.call("ListAclAccounts", Map.of("instance_id", current.getId()));
        List<Account> out = new ArrayList<>();
        for (JsonNode a : r.path("accounts")) {
            String role = a.path("account_role").asText();
            out.add(new Account(current.getId(), a.path("account_name").asText(), "write".equals(role) ? "readwrite"
                    : role, List.of(), a.path("description").asText(null), a.path("status").asText(null), null));
        }
        return out;
    }

    Task createAccount(Instance current, String name, Secret password, String privilege, String remark,
                       WaitOptions wait) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_id", current.getId());
        p.put("account_name", name);
        p.put("account_role", role("accounts", privilege));
        p.put("account_password", password.reveal());
        if (remark != null) p.put("description", remark);
        if (api.call("CreateAclAccount", p) == null) return null;
        return settle("create", current, name, wait, a -> a != null && "AVAILABLE".equals(a.getStatus()));
    }

    Task grantAccount(Instance current, String name, String privilege, WaitOptions wait) {
        String role = role("accounts", privilege);
        String id = accountId(current, name);
        if (api.call("UpdateAclAccount", Map.of("instance_id", current.getId(), "account_id", id,
                "account_role", role)) == null) {
            return null;
        }
        String neutral = "write".equals(role) ? "readwrite" : role;
        return settle("grant", current, name, wait, a -> a != null && "AVAILABLE".equals(a.getStatus())
                && neutral.equals(a.getPrivilege()));
    }

    Task deleteAccount(Instance current, String name, WaitOptions wait) {
        String id = accountId(current, name);
        if (api.call("DeleteAclAccount", Map.of("instance_id", current.getId(), "account_id", id)) == null) return null;
        return settle("delete", current, name, wait, a -> a == null);
    }

    /** Neutral privilege -> Huawei role: read -> read, readwrite -> write; write-only does not exist. */
    private static String role(String verb, String privilege) {
        return switch (privilege) {
            case "read" -> "read";
            case "readwrite" -> "write";
            default -> throw new DslException(verb + ": huawei accounts are read or readwrite (ACL roles read and "
                    + "write), got '" + privilege + "'");
        };
    }

    private String accountId(Instance current, String name) {
        JsonNode r = api.call("ListAclAccounts", Map.of("instance_id", current.getId()));
        List<String> names = new ArrayList<>();
        for (JsonNode a : r.path("accounts")) {
            if (name.equals(a.path("account_name").asText())) return a.path("account_id").asText();
            names.add(a.path("account_name").asText());
        }
        throw new DslException("accounts: no account '" + name + "' on " + Polling.label(current) + " (accounts: "
                + String.join(", ", names) + ")");
    }

    private Task settle(String action, Instance current, String name, WaitOptions wait, Predicate<Account> done) {
        String label = Polling.label(current);
        output.info("accounts " + label + ": " + action + " " + name + " submitted");
        Task submitted = StatusTasks.submitted("account-" + action + "-" + name, current, "huawei", "account",
                Instant.now().toString());
        if (!wait.enabled()) return submitted;
        poll("accounts", label, wait.timeout(), () -> Optional.of(Optional.ofNullable(accounts(current).stream()
                .filter(a -> a.getName().equals(name)).findFirst().orElse(null))), o -> done.test(o.orElse(null)),
                "account " + name + " " + action + "d");
        return StatusTasks.done(submitted, "AVAILABLE");
    }

    private <T> void poll(String verb, String label, Duration timeout, java.util.function.Supplier<Optional<T>> read,
                          Predicate<T> done, String target) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> now = read.get();
            if (now.isPresent() && done.test(now.get())) return;
            if (System.nanoTime() > deadline) {
                throw new DslTimeoutException(verb + ": timed out after " + Polling.format(timeout) + " waiting for "
                        + target + " on " + label);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DslException("interrupted");
            }
        }
    }
}
