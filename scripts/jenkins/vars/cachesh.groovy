// cachesh: the cachesh CLI on the agent, from a Jenkinsfile (see docs/jenkins.md).
//
//   def report = cachesh(file: 'scripts/fleet-report.groovy', params: [since: '6h'])
//   def r = cachesh(file: 'scripts/idle-cleanup.groovy', params: [mode: 'tag'], returnStatus: true)
//   if (r.status == 3) { unstable(r.error) }
//   def instances = cachesh.eval('list()')
//   def changes = cachesh.apply(file: 'plan.json', dryRun: true)
//
// Options: file (the runbook, for run), params (a map, passed as --param k=v), provider, region, endpoint,
// emulator (true: --emulator; also when env.CACHESH_EMULATOR == 'true'), dryRun, returnStatus.
//
// The runbook runs in its own JVM on the agent: no vendor client, connection or thread ever lives in the pipeline's
// CPS program, which holds only the parsed JSON (maps and lists). cachesh prints JSON on stdout and one-line errors
// on stderr (the build log). Exit codes: 0 ok, 1 runtime or vendor error, 2 usage or validation error, 3 the runbook
// called fail (its output is still returned). A non-zero exit fails the step unless returnStatus: true, which returns
// [status: n, result: <parsed JSON or null>] instead.

def call(Map args) {
    return run(args)
}

def run(Map args) {
    if (!args.file) {
        error "cachesh: file is required, e.g. cachesh(file: 'scripts/fleet-report.groovy')"
    }
    List words = ['run', args.file as String]
    Map params = args.params ?: [:]
    for (String key : params.keySet()) {
        words.add('--param')
        words.add(key + '=' + params[key])
    }
    return cli(words, args)
}

/** One DSL snippet: {@code cachesh -e '...'}. */
def eval(String source, Map args = [:]) {
    return cli(['-e', source], args)
}

/** Converges a desired-state document ({@code cachesh apply --plan file}); dryRun: true only plans. */
def apply(Map args) {
    if (!args.file) {
        error "cachesh.apply: file is required (a plan written with writeJSON)"
    }
    return cli(['apply', '--plan', args.file as String], args)
}

/** Runs cachesh with the common options and reads its JSON; the exit code is on the last line, after a marker. */
def cli(List words, Map args) {
    List line = ['cachesh'] + words + ['--output', 'json']
    if (args.provider) {
        line.add('--provider')
        line.add(args.provider as String)
    }
    if (args.region) {
        line.add('--region')
        line.add(args.region as String)
    }
    if (args.endpoint) {
        line.add('--endpoint')
        line.add(args.endpoint as String)
    }
    if (args.dryRun) {
        line.add('--dry-run')
    }
    if (args.emulator || env.CACHESH_EMULATOR == 'true') {
        line.add('--emulator')
    }
    String command = ''
    for (Object word : line) {
        command += (command ? ' ' : '') + quote(word as String)
    }
    // Jenkins runs sh with -e: keep the exit code instead of letting it end the script before it is printed
    String out = sh(returnStdout: true, script: "status=0; ${command} || status=\$?; printf '\\n#cachesh-exit=%s\\n' \"\$status\"")
    int marker = out.lastIndexOf('#cachesh-exit=')
    int status = out.substring(marker + '#cachesh-exit='.length()).trim() as int
    String json = out.substring(0, marker).trim()
    def result = json ? readJSON(text: json) : null
    if (status != 0 && !args.returnStatus) {
        error "cachesh ${words[0]} failed with exit code ${status} (${meaning(status)}); its error is in the log above"
    }
    return args.returnStatus ? [status: status, result: result, meaning: meaning(status)] : result
}

def meaning(int status) {
    switch (status) {
        case 0: return 'ok'
        case 1: return 'runtime or vendor error'
        case 2: return 'usage or validation error'
        case 3: return 'the runbook reported a failure'
        default: return 'runbook exit code'
    }
}

/** One word for sh: single-quoted, with single quotes inside escaped. */
def quote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'"
}
