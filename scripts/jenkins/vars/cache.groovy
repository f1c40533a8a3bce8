// cache { ... }: desired state in a Jenkinsfile, converged by `cachesh apply` on the agent (see docs/jenkins.md).
//
//   def plan = cache(dryRun: true) {
//       provider 'tencent'
//       region 'ap-guangzhou'
//       ensure name: 'orders', spec: 'redis.ha', capacity: 4, params: ['maxmemory-policy': 'allkeys-lru'],
//              passwordEnv: 'ORDERS_PASSWORD'
//   }
//   echo "${plan.changes.size()} change(s)"
//
// The block only collects plain data (strings, numbers, maps and lists, all Serializable) into a DesiredState: nothing
// talks to a cloud from the controller and no live object is ever part of the pipeline's saved program. The state
// is written with writeJSON (default file .cachesh/plan.json; passwords are never in it, only the names of
// environment variables that hold them) and handed to `cachesh apply --plan`, whose JSON answer is returned:
// [dryRun: .., applied: .., changes: [[action:, target:, attribute:, from:, to:, ...]], unchanged: [...]].
// Options: file, dryRun, and the cachesh step's provider, region, endpoint, emulator, returnStatus.

def call(Closure body) {
    return call([:], body)
}

def call(Map options, Closure body) {
    def desired = new io.cachesh.jenkins.DesiredState()
    body.resolveStrategy = Closure.DELEGATE_FIRST
    body.delegate = desired
    body()
    String file = options.file ?: '.cachesh/plan.json'
    writeJSON file: file, json: desired.toMap(), pretty: 2
    Map args = new LinkedHashMap(options)
    args.file = file
    return cachesh.apply(args)
}
