// A report on every instance of the region: spec, size, tags, who may connect, sub-accounts, the slow log of the
// last hour, the biggest key and the most called command. Read-only: it changes nothing.
//
//   ./cachesh run scripts/fleet-report.groovy --param since=6h --output json
//
// Parameters:
//   since      slow-log window (default '1h')
//   parallel   instances at a time (default 4)

String since = params.since ?: '1h'
int parallel = (params.parallel ?: '4') as int

FleetResult result = fleet(list(status: 'running'), parallel: parallel) { Instance inst ->
    def top = stats(inst).commands
    def biggest = bigkeys(inst, top: 1)
    [
            id         : inst.id,
            spec       : inst.spec,
            version    : inst.version,
            capacityGb : inst.capacityGb,
            shards     : inst.shards,
            replicas   : inst.replicas,
            tags       : inst.tags,
            whitelist  : whitelist(inst)*.id,
            accounts   : accounts(inst)*.name,
            slowQueries: slowlog(inst, since: since).size(),
            biggestKey : biggest ? "${biggest[0].key} (${biggest[0].sizeBytes} bytes)".toString() : null,
            topCommand : top ? top[0].command : null,
    ]
}
info result.summary()
return [instances: result.values, failures: result.failures*.toMap()]
