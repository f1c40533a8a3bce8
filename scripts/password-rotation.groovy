// Password rotation: a new random access password for every running Redis instance matching a filter.
//
//   ./cachesh run scripts/password-rotation.groovy --param name='orders*' --param store=/secure/redis-passwords.json
//
// Parameters:
//   store      required: the JSON file the new passwords are written to, {"<name>": {"id", "password",
//              "rotatedAt"}}. It is created with mode 0600; an existing one must be 0600 already (else nothing is
//              changed) and is updated in place, keeping the entries of other instances.
//   name       instance names, * wildcards (default '*')
//   tag        only instances with this tag: 'key' or 'key=value' (default: any)
//   verify     true (default): connect with the new password afterwards, through a real Redis connection
//
// Passwords come from the DSL's generator (20 characters from SecureRandom, meeting Tencent's and Huawei's rules)
// and are never printed, logged or returned: the output says where each one is stored and shows it masked. Each password is written to the store *before* the instance gets it, so a run
// killed halfway never loses one; an instance whose reset failed gets its entry back as it was.
// Instances are rotated one at a time. Memcached instances have no password and are skipped. A failed instance
// makes the run fail with exit code 3 after the output is printed.

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import io.cachesh.dsl.Passwords
import java.time.Instant

String storeParam = param 'store', required: true
String pattern = param 'name', default: '*'
String tag = param 'tag'
boolean verify = param 'verify', type: boolean, default: true

Path store = Path.of(storeParam).toAbsolutePath()
def ownerOnly = PosixFilePermissions.fromString('rw-------')
if (Files.exists(store) && Files.getPosixFilePermissions(store) != ownerOnly) {
    throw new DslException("param store: ${store} must be readable by its owner only (chmod 600 ${store})")
}
Map<String, Map> stored = Files.exists(store) && Files.size(store) > 0
        ? new JsonSlurper().parse(store.toFile()) as Map : [:]

def save = { Map entries ->
    if (!Files.exists(store)) {
        Files.createDirectories(store.parent)
        Files.createFile(store, PosixFilePermissions.asFileAttribute(ownerOnly))
    }
    Files.writeString(store, JsonOutput.prettyPrint(JsonOutput.toJson(entries)))
}

Map filter = [name: pattern, status: 'running']
if (tag) filter.tag = tag
List<Instance> targets = list(filter).findAll { it.spec != 'memcached' }
info "rotating the passwords of ${targets.size()} instance(s); the new ones go to ${store}"

Map<String, Map> rotated = [:]
List<Map> failures = []
for (Instance inst : targets) {
    String key = inst.name ?: inst.id
    String secret = Passwords.generate().reveal()     // the DSL's generator: every vendor's rule
    Map previous = stored[key]
    stored[key] = [id: inst.id, password: secret, rotatedAt: Instant.now().toString()]
    save(stored)                                  // first the store, then the instance
    try {
        password inst, secret
        // no `assert` here: a failed power assert would print the values of its expression, the password too
        if (verify && connect(inst, password: secret) { ping() } != 'PONG') {
            throw new DslException("${key}: the new password was set but the instance does not answer PING")
        }
        rotated[key] = [id: inst.id, storedIn: store.toString(), password: '*' * secret.length(), verified: verify]
        info "rotated ${key} (${inst.id})"
    } catch (Exception e) {
        if (previous == null) stored.remove(key) else stored[key] = previous
        save(stored)
        failures << [name: key, id: inst.id, error: e.message?.readLines()?.first() ?: e.class.simpleName]
        warn "could not rotate ${key}: ${failures.last().error}"
    }
}

output([rotated: rotated, failures: failures, store: store.toString()])
if (failures) fail "password-rotation: ${failures.size()} of ${targets.size()} instance(s) failed"
