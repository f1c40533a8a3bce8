package io.cachesh.jenkins

import com.cloudbees.groovy.cps.Continuable
import com.cloudbees.groovy.cps.SerializableScript

/**
 * The base class of the Jenkinsfile and of every vars/*.groovy under test, compiled with the CPS transform like the
 * rest. Leaf steps suspend the program with a StepCall (the harness serializes the program, runs the stub step and
 * resumes it with the step's value or failure); block steps run their body as CPS code, as Jenkins does.
 * The environment and the library's global variables (vars/x.groovy) live in the PipelineContext, outside the
 * saved program, as in Jenkins.
 */
abstract class PipelineScript extends SerializableScript {

    // ---- leaf steps: each one is a suspension point, as in Jenkins

    def sh(String script) {
        return sh([script: script])
    }

    def sh(Map args) {
        Map call = new LinkedHashMap(args)
        call.env = new LinkedHashMap(env)
        return Continuable.suspend(new StepCall('sh', call))
    }

    def echo(String message) {
        return Continuable.suspend(new StepCall('echo', [message: message]))
    }

    def error(String message) {
        return Continuable.suspend(new StepCall('error', [message: message]))
    }

    def writeJSON(Map args) {
        return Continuable.suspend(new StepCall('writeJSON', args))
    }

    def readJSON(Map args) {
        return Continuable.suspend(new StepCall('readJSON', args))
    }

    def writeFile(Map args) {
        return Continuable.suspend(new StepCall('writeFile', args))
    }

    def readFile(String file) {
        return Continuable.suspend(new StepCall('readFile', [file: file]))
    }

    def library(String name) {
        return Continuable.suspend(new StepCall('library', [identifier: name]))
    }

    // ---- credential bindings: plain descriptions, resolved by withCredentials

    def usernamePassword(Map args) {
        Map binding = new LinkedHashMap(args)
        binding.type = 'usernamePassword'
        return binding
    }

    def string(Map args) {
        Map binding = new LinkedHashMap(args)
        binding.type = 'string'
        return binding
    }

    // ---- block steps: the body runs as CPS code, between two suspension points

    def withCredentials(List bindings, Closure body) {
        Map values = Continuable.suspend(new StepCall('withCredentials', [bindings: bindings]))
        return withEnvironment(values, body)
    }

    def withEnv(List pairs, Closure body) {
        Map values = [:]
        for (String pair : pairs) {
            int eq = pair.indexOf('=')
            values.put(pair.substring(0, eq), pair.substring(eq + 1))
        }
        return withEnvironment(values, body)
    }

    def node(Closure body) {
        return node('', body)
    }

    def node(String label, Closure body) {
        Continuable.suspend(new StepCall('node', [label: label]))
        return body()
    }

    def stage(String name, Closure body) {
        Continuable.suspend(new StepCall('stage', [name: name]))
        return body()
    }

    def withEnvironment(Map values, Closure body) {
        Map before = new LinkedHashMap(env)
        env.putAll(values)
        try {
            return body()
        } finally {
            env.clear()
            env.putAll(before)
        }
    }

    /** {@code env.NAME}: the build's environment (kept outside the saved program, as in Jenkins). */
    Map getEnv() {
        return PipelineContext.current().env
    }

    /** {@code cachesh(...)}, {@code cache { }}: a global variable of the library, called through its call method. */
    def methodMissing(String name, Object args) {
        def global = PipelineContext.current().global(name)
        if (global == null) {
            throw new MissingMethodException(name, getClass(), args as Object[])
        }
        return global.invokeMethod('call', args)
    }

    /** {@code cachesh.apply(...)}: a global variable of the library as an object. */
    def propertyMissing(String name) {
        def global = PipelineContext.current().global(name)
        if (global == null) {
            throw new MissingPropertyException(name, getClass())
        }
        return global
    }
}
