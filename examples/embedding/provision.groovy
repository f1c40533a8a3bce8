// The runbook the embedding example runs: make sure the environment's cache exists at the wanted size, check it
// answers, and return a summary for the host application.
//
// Parameters (from the host's Map):
//   env        environment name, part of the instance name (default 'dev')
//   capacity   GB (default 1)
//   cleanup    'true' to delete the instance at the end (default false)

String env = params.env ?: 'dev'
String name = "orders-$env"
def inst = ensure name: name, spec: 'redis.ha', capacity: (params.capacity ?: 1) as int,
        password: 'Orders-' + env.capitalize() + '-Pass1', tags: [env: env]
String pong = connect(inst) { ping() }
info "$name is ${inst.status} with ${inst.capacityGb} GB and answers $pong"
if (params.cleanup == 'true') delete inst
[name: name, id: inst.id, capacityGb: inst.capacityGb, ping: pong, deleted: params.cleanup == 'true']
