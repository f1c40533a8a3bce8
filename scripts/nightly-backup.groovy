// Nightly backup: a manual backup of every running Redis instance matching a filter, keeping the newest N.
//
//   ./cachesh run scripts/nightly-backup.groovy --param name='orders*' --param keep=7 --output json
//
// Parameters:
//   provider   the provider (default: the session's, e.g. cachesh run --provider); region: its region
//   name       instance names, * wildcards (default '*')
//   tag        only instances with this tag: 'key' or 'key=value' (default: any)
//   keep       nightly backups to keep per instance, newest first (default 7, at least 1)
//   parallel   instances at a time (default 4)
//
// Each backup's remark is 'nightly-<UTC time>', so the runbook only ever prunes its own backups, never one taken by
// hand. Pruning deletes the older nightly backups where the provider's API can (huawei: DeleteBackupFile). Tencent's
// Redis API has no action that deletes a backup (they expire with the backup policy's retention), so there the
// older ones are listed under `expiring` instead. Memcached instances have no backups and are skipped.
//
// Output (also when it fails): backups (per instance: the new backup, its remark, the kept and pruned ids),
// pruned (every deleted backup id), failures. An instance that could not be backed up makes the run fail with exit
// code 3 after the output is printed; the other instances are still backed up.

import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

String onProvider = param 'provider'
String onRegion = param 'region'
String pattern = param 'name', default: '*'
String tag = param 'tag'
int keep = param 'keep', type: int, default: 7
int parallel = param 'parallel', type: int, default: 4
if (keep < 1) throw new DslException("param keep: must be at least 1, got ${keep}")

// milliseconds, so that remarks sort in time order even for runs within the same second
String remark = 'nightly-' + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC)
        .format(Instant.now())

cache {
    if (onProvider) provider(onRegion ? [region: onRegion] : [:], onProvider)
    Map filter = [name: pattern, status: 'running']
    if (tag) filter.tag = tag
    List<Instance> targets = list(filter).findAll { it.spec != 'memcached' }
    info "backing up ${targets.size()} instance(s) as ${remark}, keeping ${keep} nightly backup(s) each"

    FleetResult result = fleet(targets, parallel: parallel) { Instance inst ->
        Backup made = backup(inst, remark: remark)
        List<Backup> nightly = backups(inst)
                .findAll { it.remark?.startsWith('nightly-') && it.status != 'deleted' }
                .sort { a, b -> b.remark <=> a.remark }          // newest first
        List<Backup> older = nightly.drop(keep)
        List<String> pruned = []
        List<String> expiring = []
        for (Backup old : older) {
            if (inst.provider == 'huawei') {
                huawei.dcs.deleteBackupFile(instanceId: inst.id, backupId: old.id)
                pruned << old.id
            } else {
                expiring << old.id
            }
        }
        [id: inst.id, backup: made.id, remark: remark, kept: nightly.take(keep)*.id, pruned: pruned, expiring: expiring]
    }

    info result.summary()
    output([
            backups : result.values,
            pruned  : result.values.values().collectMany { it.pruned },
            failures: result.failures*.toMap(),
    ])
    if (result.failed > 0) fail "nightly-backup: ${result.summary()}"
}
