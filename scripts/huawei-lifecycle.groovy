// Huawei Cloud DCS: an 8 GB-per-shard Redis cluster and a small master/standby instance, through their lives.
//
//   ./cachesh run scripts/huawei-lifecycle.groovy --emulator --param name=orders --output json
//
// Parameters:
//   name     the master/standby instance's name (default 'huawei-orders'); the cluster gets a generated name
//   region   the Huawei region (default 'cn-north-4')
//
// It creates a redis.cluster of 3 x 8 GB shards (Huawei's redis.cluster.xu1.large.r2.24) without a name or a
// password, so the DSL generates both and keeps the password in the session; creates a 0.125 GB redis.ha instance
// (spec code redis.ha.xu1.tiny.r2.128), writes a key on its real Redis, resizes it to 1 GB, changes the password,
// takes a backup, clears it, restores the backup, and deletes both. The result is a summary for `--output json`.
// If a step fails, both instances are still deleted.

String instanceName = params.name ?: 'huawei-orders'
String huaweiRegion = params.region ?: 'cn-north-4'
List<String> steps = []
List<Instance> made = []

cache {
    provider huawei, region: huaweiRegion
    try {
        // 1. The issue's example: no name, no password. Huawei requires a name, so it is cachesh-redis-cluster-<n>.
        Instance cluster = create spec: 'redis.cluster', capacity: 8
        made << cluster
        assert cluster.shards == 3 && cluster.capacityGb == 8
        assert connect(cluster) { set 'probe', 'ok'; get 'probe' } == 'ok'
        info "cluster ${cluster.name}: ${cluster.shards} x ${cluster.capacityGb} GB, ${cluster.vendor.specCode}"
        steps << 'cluster'

        // 2. A small master/standby instance: 0.125 GB is one of Huawei's decimal tiers. The password is made up
        //    for this run (Huawei: 8-64 characters, at least 3 of upper, lower, digits, symbols) and never printed.
        String first = 'Hw1-' + UUID.randomUUID().toString().replace('-', '').take(12) + 'Q'
        Instance orders = create name: instanceName, spec: 'redis.ha', capacity: 0.125, password: first
        made << orders
        assert orders.capacityGb == 0.125
        connect(orders) { set 'greeting', 'hello' }
        steps << 'create'

        // 3. Resize to 1 GB (ResizeInstance takes whole GB) and check Redis got the memory limit.
        orders = resize orders, capacity: 1
        assert connect(orders) { configGet('maxmemory') as long } == 1024L * 1024 * 1024
        steps << 'resize'

        // 4. Change the password: the session knows the old one, so this is UpdatePassword.
        password orders, 'Hw2-' + UUID.randomUUID().toString().replace('-', '').take(12) + 'Q'
        assert connect(orders) { get 'greeting' } == 'hello'
        steps << 'password'

        // 5. Back up, clear (RestartOrFlushInstances flush), restore, and check on the data plane each time.
        Backup snapshot = backup orders, remark: 'before-clear'
        clear orders
        assert connect(orders) { dbsize() } == 0
        restore orders, backup: snapshot
        assert connect(orders) { get 'greeting' } == 'hello'
        steps << 'backup-clear-restore'

        // 6. Parameters through ListConfigurations / UpdateConfigurations.
        params orders, set: ['maxmemory-policy': 'allkeys-lru']
        assert connect(orders) { configGet 'maxmemory-policy' } == 'allkeys-lru'
        steps << 'params'

        // 7. Delete both (Huawei deletes at once: there is no recycle bin).
        made.each { delete it }
        made.clear()
        assert list().isEmpty()
        steps << 'delete'

        return [instanceId: orders.id, cluster: cluster.name, region: huaweiRegion, steps: steps]
    } finally {
        made.each { inst ->
            warn "huawei-lifecycle failed after ${steps ? steps.last() : 'start'}; deleting ${inst.id}"
            try {
                delete inst
            } catch (Exception e) {
                warn "could not delete ${inst.id}: ${e.message}; delete it by hand"
            }
        }
    }
}
