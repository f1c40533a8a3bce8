// Idle clean-up: finds instances nobody uses (no keys, no client commands) and, when confirmed, isolates or
// deletes them. Reports only by default.
//
//   ./cachesh run scripts/idle-cleanup.groovy --output json                              # report
//   ./cachesh run scripts/idle-cleanup.groovy --param mode=delete --param confirm=3      # delete the 3 found
//
// Parameters:
//   name      instance names, * wildcards (default '*');  tag: only instances with this tag
//   span      the stats window: realtime, 30m, 6h or 24h (default 24h)
//   minAge    instances younger than this are never idle: '7d', '12h', '30m', '0s' (default 7d)
//   mode      report (default); isolate (tencent: out of service but kept in the recycle bin, `restart` brings
//             it back); delete (for good)
//   confirm   for isolate and delete: the number of idle instances found. Without it (or with another number,
//             e.g. when more instances went idle since the report) nothing changes and the run fails with exit
//             code 3, printing what it found. A typical pipeline reports, then confirms with the reported count.
//
// An instance is idle when it has no keys (DBSIZE through a Redis connection: the session must know the password)
// and its command statistics show no client commands in the window (administrative commands such as INFO, CONFIG,
// PING, AUTH, CLIENT, SCAN or DBSIZE do not count: monitoring and this runbook use them). An instance that cannot be
// checked (no stats on the provider, a password the session does not know) is listed under `unknown`, never as idle.
// The providers' cache APIs only set tags at creation, so the runbook cannot tag instances; `isolate` is the
// reversible action.

import java.time.Duration
import java.time.Instant
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

List<String> ADMIN = ['info', 'config', 'ping', 'auth', 'hello', 'client', 'command', 'scan', 'type', 'memory', 'object',
                      'latency', 'slowlog', 'dbsize', 'select', 'cluster', 'role', 'acl', 'flushall', 'flushdb', 'quit',
                      'readonly', 'echo', 'time', 'lastsave', 'bgsave', 'save']

String pattern = param 'name', default: '*'
String tag = param 'tag'
String span = param 'span', default: '24h', allowed: ['realtime', '30m', '6h', '24h']
String minAgeText = param 'minAge', default: '7d'
String mode = param 'mode', default: 'report', allowed: ['report', 'isolate', 'delete']
Integer confirm = param 'confirm', type: int

def m = (minAgeText =~ /^(\d+)([dhms])$/)
if (!m.matches()) throw new DslException("param minAge: expected a number and d, h, m or s (e.g. 7d, 12h), got '${minAgeText}'")
Duration minAge = Duration.of(m.group(1) as long, [d: java.time.temporal.ChronoUnit.DAYS,
        h: java.time.temporal.ChronoUnit.HOURS, m: java.time.temporal.ChronoUnit.MINUTES,
        s: java.time.temporal.ChronoUnit.SECONDS][m.group(2)])

// Tencent answers Beijing time without a zone ("2026-11-30 08:20:00"), Huawei ISO-8601 with one.
def created = { Instance inst ->
    String t = inst.createdAt
    if (!t) return null
    if (t ==~ /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/) {
        return LocalDateTime.parse(t, DateTimeFormatter.ofPattern('yyyy-MM-dd HH:mm:ss')).toInstant(ZoneOffset.ofHours(8))
    }
    try {
        return OffsetDateTime.parse(t).toInstant()
    } catch (Exception ignored) {
        return null
    }
}

Map filter = [name: pattern, status: 'running']
if (tag) filter.tag = tag
List<Map> idle = []
List<Map> busy = []
List<Map> unknown = []
List<Instance> idleInstances = []
for (Instance inst : list(filter)) {
    String key = inst.name ?: inst.id
    Instant since = created(inst)
    if (since != null && Duration.between(since, Instant.now()) < minAge) {
        busy << [name: key, id: inst.id, reason: "younger than ${minAgeText}".toString()]
        continue
    }
    try {
        List<Map> clientCommands = stats(inst, span: span).commands
                .findAll { !(it.command.toString().toLowerCase().tokenize('|')[0] in ADMIN) }   // redis 7: config|set
        long clientCalls = clientCommands.sum { it.calls as long } ?: 0
        long keys = connect(inst) { dbsize() }
        Map row = [name: key, id: inst.id, spec: inst.spec, capacityGb: inst.capacityGb, keys: keys,
                   clientCommands: clientCalls, createdAt: inst.createdAt]
        if (keys == 0 && clientCalls == 0) {
            idle << row
            idleInstances << inst
        } else {
            busy << row + [reason: keys ? "${keys} key(s)".toString()
                    : "${clientCalls} client command(s): ${clientCommands.collect { "${it.command} ${it.calls}" }.join(', ')}".toString()]
        }
    } catch (UnsupportedVerbException e) {
        unknown << [name: key, id: inst.id, reason: e.message]
    } catch (DslException e) {
        unknown << [name: key, id: inst.id, reason: e.message.readLines().first()]
    }
}
info "idle: ${idle*.name ?: 'none'}; in use: ${busy.collect { "${it.name} (${it.reason})" } ?: 'none'}" +
        (unknown ? "; unknown: ${unknown.collect { "${it.name} (${it.reason})" }}" : '')

Map result = [mode: mode, span: span, minAge: minAgeText, idle: idle, busy: busy, unknown: unknown, changed: []]
output result
if (mode == 'report' || idle.isEmpty()) return result
if (confirm != idle.size()) {
    fail "idle-cleanup: found ${idle.size()} idle instance(s) (${idle*.name.join(', ')}); to ${mode} them pass --param confirm=${idle.size()}"
}
for (Instance inst : idleInstances) {
    if (mode == 'delete') {
        delete inst
    } else {
        delete inst, purge: false
    }
    result.changed << (inst.name ?: inst.id)
    info "${mode == 'delete' ? 'deleted' : 'isolated'} ${inst.name ?: inst.id}"
}
return result
