package io.cachesh.jenkins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Jenkins credentials store of the tests: usernamePassword and string credentials by id. */
final class Credentials {

    private final Map<String, List<String>> store = new LinkedHashMap<>();

    Credentials usernamePassword(String id, String username, String password) {
        store.put(id, List.of(username, password));
        return this;
    }

    Credentials string(String id, String secret) {
        store.put(id, List.of(secret));
        return this;
    }

    /** The withCredentials step: the bindings' variables and values, or the error Jenkins gives. */
    PipelineHarness install(PipelineHarness harness) {
        return harness.step("withCredentials", call -> {
            Map<String, Object> vars = new LinkedHashMap<>();
            for (Object o : (List<?>) call.args().get("bindings")) {
                Map<?, ?> binding = (Map<?, ?>) o;
                String id = String.valueOf(binding.get("credentialsId"));
                List<String> values = store.get(id);
                if (values == null) {
                    throw new PipelineHarness.AbortException("Could not find credentials entry with ID '" + id + "'");
                }
                if ("usernamePassword".equals(binding.get("type"))) {
                    vars.put(String.valueOf(binding.get("usernameVariable")), values.get(0));
                    vars.put(String.valueOf(binding.get("passwordVariable")), values.get(1));
                } else {
                    vars.put(String.valueOf(binding.get("variable")), values.get(0));
                }
            }
            return vars;
        });
    }
}
