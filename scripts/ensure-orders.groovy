// Desired state: the 'orders' cache must be a redis.ha instance of the given capacity and eviction policy.
//
//   ./cachesh run scripts/ensure-orders.groovy --emulator --param capacity=4 --param keep=true --output json
//
// Parameters:
//   name       the instance name (default 'orders')
//   capacity   GB (default 2)
//   replicas   replica count (default 1)
//   policy     maxmemory-policy (default 'allkeys-lru')
//   password   used only when the instance has to be created (default: a random one, printed nowhere;
//              set one yourself to connect later)
//   keep       'true' to keep the instance afterwards; the default 'false' deletes it at the end so a demo run
//              leaves nothing to pay for
//
// It first prints the plan (what would change, nothing is changed), then applies it, then applies it again to show
// that a converged instance needs nothing: run it twice with keep=true and the second run changes nothing at all.
// The value is a summary: the planned, the applied and the second run's changes.

String name = params.name ?: 'orders'
def capacity = (params.capacity ?: '2') as BigDecimal
int replicas = (params.replicas ?: '1') as int
String policy = params.policy ?: 'allkeys-lru'
String password = params.password ?: 'Ord-' + UUID.randomUUID().toString().replace('-', '').take(20)
boolean keep = (params.keep ?: 'false') == 'true'

Closure desired = {
    ensure name: name, spec: 'redis.ha', capacity: capacity, replicas: replicas, password: password,
            params: ['maxmemory-policy': policy]
}

// 1. What would change? Only reading calls go out.
Plan planned = plan(desired)
info "plan for ${name}: ${planned.empty ? 'nothing to do' : planned.size() + ' change(s)'}"

// 2. Make the changes (the same block, now for real).
Plan applied = apply(desired)

// 3. Once more: a converged instance needs nothing.
Plan second = apply(desired)
assert second.empty : "ensure is not idempotent: ${second}"

Instance inst = describe(name)
info "${name} is ${inst}"
Map summary = [
        instance: inst.id,
        planned : planned.changes*.toString(),
        applied : applied.changes*.toString(),
        second  : second.changes*.toString(),
]
if (!keep) {
    delete inst
    summary.deleted = true
}
return summary
