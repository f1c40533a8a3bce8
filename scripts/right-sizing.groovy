// Right-sizing: proposes a new capacity for every running Redis instance from its memory use, and with apply=true
// resizes. A dry run (proposals only) by default.
//
//   ./cachesh run scripts/right-sizing.groovy --output json
//   ./cachesh run scripts/right-sizing.groovy --param name='orders*' --param apply=true
//
// Parameters:
//   name      instance names, * wildcards (default '*');  tag: only instances with this tag
//   low       shrink when the used memory is below this share of the capacity (default 0.2)
//   high      grow when it is above this share (default 0.8)
//   target    the share of the new capacity the used memory should fill (default 0.5)
//   min       the smallest capacity to propose, GB (default 1)
//   apply     true: make the proposed resizes (default false)
//
// Used memory is redis' own `used_memory` (INFO memory, read through a Redis connection: the session must know the
// password, or pass none for instances without one). The proposal is the smallest capacity of the ladder 1, 2, 4,
// 8, 12, 16, 20, 24, 32, 40, 48, 64 GB (at least `min`) that keeps the used memory under `target`. The most called
// command (stats) is reported where the provider has it. Clusters (capacity per shard) and Memcached instances are
// listed as skipped. Output: proposals (name, id, capacityGb, usedMb, usage, proposedGb, reason, applied), ok (no
// change needed), skipped, failures; a failed instance makes the run fail with exit code 3.

int MB = 1024 * 1024
List<BigDecimal> ladder = [1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 48, 64]

String pattern = param 'name', default: '*'
String tag = param 'tag'
BigDecimal low = param 'low', type: BigDecimal, default: 0.2
BigDecimal high = param 'high', type: BigDecimal, default: 0.8
BigDecimal target = param 'target', type: BigDecimal, default: 0.5
BigDecimal min = param 'min', type: BigDecimal, default: 1
boolean apply = param 'apply', type: boolean, default: false
if (!(0 < low && low < high && target > 0)) {
    throw new DslException("right-sizing: need 0 < low < high and target > 0, got low ${low}, high ${high}, target ${target}")
}

Map filter = [name: pattern, status: 'running']
if (tag) filter.tag = tag
List<Map> proposals = []
List<Map> ok = []
List<Map> skipped = []
List<Map> failures = []
for (Instance inst : list(filter)) {
    String key = inst.name ?: inst.id
    if (inst.spec == 'memcached' || inst.spec == 'redis.cluster') {
        skipped << [name: key, id: inst.id, reason: "${inst.spec} is not sized by this runbook".toString()]
        continue
    }
    try {
        long used = connect(inst) {
            info('memory').readLines().find { it.startsWith('used_memory:') }.substring('used_memory:'.length()).trim() as long
        }
        String topCommand = null
        try {
            def top = stats(inst).commands
            topCommand = top ? top[0].command : null
        } catch (UnsupportedVerbException ignored) {
            // huawei and capitalonline have no command statistics
        }
        BigDecimal capacityBytes = inst.capacityGb * 1024 * MB
        BigDecimal usage = (used / capacityBytes).setScale(4, java.math.RoundingMode.HALF_UP)
        BigDecimal wantGb = used / target / (1024 * MB)
        BigDecimal proposed = ladder.find { it >= min && it >= wantGb } ?: ladder.last()
        Map row = [name: key, id: inst.id, capacityGb: inst.capacityGb, usedMb: (used / MB).setScale(1, java.math.RoundingMode.HALF_UP),
                   usage: usage, topCommand: topCommand]
        String reason = usage > high ? "usage ${usage} above ${high}" : usage < low ? "usage ${usage} below ${low}" : null
        if (reason == null || proposed == inst.capacityGb) {
            ok << row + [reason: reason == null ? 'within bounds' : "${reason}, already at ${proposed} GB".toString()]
            continue
        }
        row += [proposedGb: proposed, reason: reason.toString(), applied: false]
        if (apply) {
            Instance resized = resize(inst, capacity: proposed)
            row.applied = resized.capacityGb == proposed
            info "resized ${key}: ${inst.capacityGb} GB -> ${resized.capacityGb} GB"
        } else {
            info "proposal for ${key}: ${inst.capacityGb} GB -> ${proposed} GB (${reason})"
        }
        proposals << row
    } catch (Exception e) {
        failures << [name: key, id: inst.id, error: e.message?.readLines()?.first() ?: e.class.simpleName]
        warn "right-sizing ${key}: ${failures.last().error}"
    }
}

output([apply: apply, proposals: proposals, ok: ok, skipped: skipped, failures: failures])
if (failures) fail "right-sizing: ${failures.size()} instance(s) failed"
