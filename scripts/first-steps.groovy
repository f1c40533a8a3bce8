// First steps: one instance's whole life, checked on its real Redis data plane.
//
//   ./cachesh run scripts/first-steps.groovy --emulator --param name=orders --output json
//
// Parameters:
//   name   the instance name (default 'first-steps')
//
// It creates a small redis.ha instance, writes a key through a real Redis connection, changes the password (and
// proves the old one no longer works), clears the instance, resizes it (and proves Redis got the new memory limit),
// deletes it, and returns a summary that `--output json` prints. If a step fails, the instance is still deleted,
// so a failed run leaves nothing behind to pay for.

String instanceName = params.name ?: 'first-steps'
String key = 'first-steps:greeting'
List<String> steps = []

// Passwords are made up for this run and never printed: the session remembers the one it set, so `connect` and
// `clear` below need no password argument. (Tencent's rule: 8-64 characters, at least two character classes.)
String firstPassword = 'Fs1-' + UUID.randomUUID().toString().replace('-', '').take(16)
String secondPassword = 'Fs2-' + UUID.randomUUID().toString().replace('-', '').take(16)

// 1. Create the instance and wait until it runs. `create` waits by default and prints progress lines; the
//    result is an Instance with the real endpoint (host and port) of its Redis.
Instance inst = create name: instanceName, spec: 'redis.ha', capacity: 1, password: firstPassword
info "created ${inst.id} (${inst.name}) at ${inst.host}:${inst.port}"
steps << 'create'
boolean deleted = false

try {
    // 2. Write a key through a real Redis connection. The block form closes the connection afterwards; the
    //    password is the one this session created the instance with. Also note Redis' memory limit for step 6.
    long maxmemoryBefore = connect(inst) {
        assert ping() == 'PONG'
        set key, 'hello'
        assert get(key) == 'hello'
        configGet('maxmemory') as long
    }
    info "wrote ${key}; maxmemory is ${maxmemoryBefore} bytes"
    steps << 'write'

    // 3. Reset the password and wait for the task to finish.
    password inst, secondPassword
    steps << 'password'

    // 4. Prove it on the data plane: the old password is rejected, the new one works and the data is still there.
    try {
        connect(inst, password: firstPassword).close()
        throw new IllegalStateException("the old password of ${inst.id} still works after the reset")
    } catch (DslException rejected) {
        assert rejected.message.contains('rejected the password')
        info "old password rejected: ${rejected.message}"
    }
    connect(inst, password: secondPassword) {
        assert get(key) == 'hello'
    }
    info 'new password accepted'
    steps << 'check-password'

    // 5. Clear the instance (FLUSHALL through the API) and check on the data plane that the key is gone.
    clear inst
    connect(inst) {
        assert !exists(key)
        assert dbsize() == 0
    }
    info "cleared ${inst.id}: ${key} is gone"
    steps << 'clear'

    // 6. Resize to 2 GB and check that Redis itself got the larger memory limit, not just the API's view.
    inst = resize inst, capacity: 2
    assert inst.capacityGb == 2
    long maxmemoryAfter = connect(inst) { configGet('maxmemory') as long }
    assert maxmemoryAfter > maxmemoryBefore
    info "resized ${inst.id}: maxmemory ${maxmemoryBefore} -> ${maxmemoryAfter} bytes"
    steps << 'resize'

    // 7. Delete it for good (isolate, then purge from the recycle bin) and check the fleet no longer lists it.
    delete inst
    deleted = true
    assert !list().any { it.id == inst.id }
    info "deleted ${inst.id}"
    steps << 'delete'

    // The script's value: what `cachesh run ... --output json` prints.
    return [
            instanceId     : inst.id,
            name           : inst.name,
            host           : inst.host,
            port           : inst.port,
            maxmemoryBefore: maxmemoryBefore,
            maxmemoryAfter : maxmemoryAfter,
            steps          : steps,
    ]
} finally {
    // A failed step must not leave a paid instance behind.
    if (!deleted) {
        warn "first-steps failed after ${steps ? steps.last() : 'create'}; deleting ${inst.id}"
        try {
            delete inst
        } catch (Exception e) {
            warn "could not delete ${inst.id}: ${e.message}; delete it by hand"
        }
    }
}
