// Set one parameter across a fleet, several instances at a time, and report per instance.
//
//   ./cachesh run scripts/fleet-params.groovy --param name='orders-*' --param policy=allkeys-lfu --param parallel=8
//
// Parameters:
//   name       instance names to touch, * wildcards (default '*': every running instance of the region)
//   param      the parameter (default 'maxmemory-policy')
//   value      its value (default 'allkeys-lru')
//   parallel   instances at a time (default 8); every thread shares the session's client, so each API action
//              stays under its rate limit however many instances there are
//   failFast   'true' to stop starting new instances after the first failure (default 'false': one failure does
//              not stop the others)
//
// The parameter name and value are checked against each instance's own parameter list before anything changes, an
// instance already at the value is left alone, and the value is read back afterwards. The result is the fleet
// summary (ok/failed per instance with the error) as plain data; the run fails (exit code) when an instance failed.

String pattern = params.name ?: '*'
String param = params.param ?: 'maxmemory-policy'
String value = params.value ?: 'allkeys-lru'
int parallel = (params.parallel ?: '8') as int
boolean failFast = (params.failFast ?: 'false') == 'true'

List<Instance> targets = list(name: pattern, status: 'running')
info "setting ${param}=${value} on ${targets.size()} instance(s), ${parallel} at a time"

FleetResult result = fleet(targets, parallel: parallel, failFast: failFast) { Instance inst ->
    String before = params(inst).find { it.name == param }?.value
    List<Param> after = params(inst, set: [(param): value])
    String now = after.find { it.name == param }.value
    assert now == value : "${inst.name}: ${param} is ${now} after setting it to ${value}"
    [before: before, after: now]
}

info result.table()
if (result.failed > 0) {
    throw new DslException("fleet-params: ${result.summary()}")
}
return result.toMap()
