// CapitalOnline Memcached: one instance through its life, checked on its real memcached.
//
//   ./cachesh run scripts/capitalonline-memcached.groovy --emulator --param capacity=2 --output json
//
// Parameters:
//   name       the instance name (default 'co-sessions')
//   capacity   GB, 1-10 (default 2)
//
// It creates a Memcached instance (CreateMemcachedInstance, ConfSize "2G"), writes and reads an item over the
// memcached text protocol, clears it (ClearMemcachedInstance) and checks the item is gone, doubles its memory
// (UpdateMemcachedInstance) and checks memcached's own limit, shows that rename is not in CapitalOnline's API, and
// deletes it. If a step fails, the instance is still deleted.

String instanceName = params.name ?: 'co-sessions'
int gb = (params.capacity ?: '2') as int
List<String> steps = []

cache {
    provider capitalonline
    Instance inst = create name: instanceName, spec: 'memcached', capacity: gb
    boolean deleted = false
    try {
        assert inst.status == 'running' && inst.capacityGb == gb
        steps << 'create'

        // Memcached has no password: connect needs none.
        connect(inst) {
            set 'user:1', 'ada', ex: 300
            assert get('user:1') == 'ada'
            assert stats().limit_maxbytes as long == gb * 1024L * 1024 * 1024
        }
        steps << 'write'

        clear inst
        assert connect(inst) { get 'user:1' } == null
        steps << 'clear'

        inst = resize inst, capacity: gb * 2 <= 10 ? gb * 2 : 10
        assert connect(inst) { stats().limit_maxbytes as long } == (inst.capacityGb as long) * 1024 * 1024 * 1024
        steps << 'resize'

        try {
            rename inst, 'other-name'
            assert false
        } catch (UnsupportedVerbException e) {
            assert e.message == 'rename: not supported by capitalonline'
            info "as expected: ${e.message}"
        }

        delete inst
        deleted = true
        assert !list().any { it.id == inst.id }
        steps << 'delete'
        return [instanceId: inst.id, capacityGb: inst.capacityGb, steps: steps]
    } finally {
        if (!deleted) {
            warn "capitalonline-memcached failed after ${steps ? steps.last() : 'create'}; deleting ${inst.id}"
            try {
                delete inst
            } catch (Exception e) {
                warn "could not delete ${inst.id}: ${e.message}; delete it by hand"
            }
        }
    }
}
