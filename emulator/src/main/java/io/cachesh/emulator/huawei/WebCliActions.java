package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web-CLI (v2 5.15.7-9) on the real redis-server. Login checks the password with a real {@code AUTH} (the default
 * user's password, or {@code account:password} of an ACL account; none for password-free instances, wrong is
 * {@code DCS.4080}) and answers a 48-hex {@code client_id} and the server's {@code databases}. A command runs on its
 * own connection as the logged-in user ({@code AUTH}, {@code SELECT database}, the command) and its reply comes back
 * as redis-cli would print it, lines joined by {@code \r\n} (the seed's {@code "key1\r\nkey2"}); a server error is
 * {@code (error) ...}. Commands that would hold, reconfigure or stop the server, or change the session's identity,
 * are refused ({@code 111400063}): see {@link #FORBIDDEN}. Sessions live in memory until logout.
 */
final class WebCliActions extends HuaweiActionGroup {

    /**
     * Not available in Web-CLI: server administration and replication, commands that block or subscribe (a Web-CLI
     * call is one request and one reply), and connection state the session owns (AUTH, SELECT via {@code database}).
     */
    static final Set<String> FORBIDDEN = Set.of("SHUTDOWN", "DEBUG", "MONITOR", "SYNC", "PSYNC", "REPLICAOF", "SLAVEOF",
            "FAILOVER", "MIGRATE", "MODULE", "CONFIG", "ACL", "SAVE", "BGSAVE", "BGREWRITEAOF", "CLUSTER", "CLIENT",
            "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "AUTH", "HELLO", "QUIT",
            "RESET", "SELECT", "SWAPDB", "WAIT", "WAITAOF", "BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN",
            "BZPOPMAX", "BZMPOP", "MULTI", "EXEC", "WATCH", "UNWATCH", "DISCARD", "LATENCY", "SCRIPT", "FUNCTION");

    /** A logged-in Web-CLI session. */
    record Session(String instanceId, String user, String password) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    WebCliActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("LoginWebCli", this::login);
        actions.v2("ExecuteCommandMobilization", this::execute);
        actions.v2("LogoffWebCli", this::logoff);
    }

    static HuaweiException invalid(String member, String detail) {
        return new HuaweiException("111400063", "111400063", 400, "Invalid " + member + " parameter in the request: " + detail);
    }

    private ObjectNode login(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        DataPlaneConnection.process(i);
        String given = r.string("password", "");
        String user = null;
        String password = given;
        if (i.noAuth()) {
            password = null;
        } else {
            if (given.isEmpty()) throw invalid("password", "instance " + i.id() + " requires a password.");
            int colon = given.indexOf(':');
            if (colon > 0 && AclAccounts.of(i).byName(given.substring(0, colon)).isPresent()) {
                user = given.substring(0, colon);
                password = given.substring(colon + 1);
                AclAccounts.sync(i);
            }
        }
        try (RespClient c = DataPlaneConnection.open(i, user, password)) {
            c.call("PING");
        } catch (RespClient.RedisError e) {
            throw new HuaweiException("DCS.4080", "111400080", 400, "Instance password verify failed: " + e.getMessage());
        } catch (IOException e) {
            throw DataPlaneConnection.notRunning(e);
        }
        long databases = 16;
        Object reply = redisCall(i, "CONFIG", "GET", "databases");
        if (reply instanceof List<?> l && l.size() >= 2) databases = Long.parseLong(String.valueOf(l.get(1)));
        String clientId = ctx.hexId() + ctx.hexId().substring(0, 16);
        sessions.put(clientId, new Session(i.id(), user, password));
        ObjectNode out = object();
        out.put("client_id", clientId);
        out.put("databases", databases);
        return out;
    }

    private Session session(Instance i, String clientId) {
        Session s = clientId == null ? null : sessions.get(clientId);
        if (s == null || !s.instanceId().equals(i.id())) {
            throw invalid("client_id", "`" + clientId + "` is not a Web-CLI session of instance " + i.id() + " (LoginWebCli).");
        }
        return s;
    }

    private ObjectNode execute(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        Session s = session(i, r.requireString("client_id"));
        requireRunning(i);
        List<String> args = tokens(r.string("command", ""));
        ObjectNode out = object();
        if (args.isEmpty()) {
            out.put("response", "");
            return out;
        }
        String name = args.get(0).toUpperCase(Locale.ROOT);
        if (FORBIDDEN.contains(name)) {
            throw invalid("command", "`" + args.get(0) + "` is not allowed in Web-CLI.");
        }
        long database = r.integer("database", 0);
        String response;
        try (RespClient c = DataPlaneConnection.open(i, s.user(), s.password())) {
            if (database != 0) {
                try {
                    c.call("SELECT", Long.toString(database));
                } catch (RespClient.RedisError e) {
                    throw invalid("database", "`" + database + "`: " + e.getMessage());
                }
            }
            try {
                response = format(c.call(args.toArray(String[]::new)));
            } catch (RespClient.RedisError e) {
                response = "(error) " + e.getMessage();
            }
        } catch (RespClient.RedisError e) {
            throw new HuaweiException("DCS.4080", "111400080", 400, "Instance password verify failed: " + e.getMessage()
                    + " (log in to Web-CLI again).");
        } catch (IOException e) {
            throw DataPlaneConnection.notRunning(e);
        }
        out.put("response", response);
        return out;
    }

    private ObjectNode logoff(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String clientId = r.string("client_id");
        if (clientId == null || clientId.isEmpty()) {
            sessions.values().removeIf(s -> s.instanceId().equals(i.id()));
        } else {
            session(i, clientId);
            sessions.remove(clientId);
        }
        return null;
    }

    /** A reply as redis-cli prints it, nested arrays flattened one element per line. */
    static String format(Object reply) {
        if (reply == null) return "(nil)";
        if (reply instanceof List<?> list) {
            if (list.isEmpty()) return "(empty array)";
            List<String> lines = new ArrayList<>();
            for (Object o : list) lines.add(format(o));
            return String.join("\r\n", lines);
        }
        return String.valueOf(reply);
    }

    /** Splits a command line like redis-cli: blanks separate, single or double quotes group, backslash escapes in "". */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int k = 0; k < line.length(); k++) {
            char ch = line.charAt(k);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && k + 1 < line.length()) {
                    char next = line.charAt(++k);
                    cur.append(switch (next) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> next;
                    });
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inToken = true;
            } else if (Character.isWhitespace(ch)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(ch);
                inToken = true;
            }
        }
        if (quote != 0) throw invalid("command", "unbalanced quotes in `" + line + "`.");
        if (inToken) out.add(cur.toString());
        return out;
    }
}
