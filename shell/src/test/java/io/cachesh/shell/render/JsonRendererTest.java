package io.cachesh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cachesh.client.auth.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRendererTest {

    record Node(String name, int port) {
    }

    /** Like a generated client model: Jackson-bound with wire names. */
    public static final class InstanceSet {
        @JsonProperty("InstanceId")
        public String instanceId = "crs-1";
        @JsonProperty("Port")
        public Long port = 6379L;
    }

    private final JsonRenderer json = new JsonRenderer();

    @Test
    void resultsMapsRecordsAndModelsBecomePrettyJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", new TableRendererTest.Instance("id", "crs-1", "capacity", 2));
        m.put("node", new Node("a", 1));
        m.put("model", new InstanceSet());
        m.put("password", Secret.of("hunter2"));
        m.put("list", List.of(1, "two"));
        m.put("gstring", new groovy.lang.GString(new Object[] {1}) {
            @Override
            public String[] getStrings() {
                return new String[] {"n=", ""};
            }
        });
        assertThat(json.render(m)).isEqualTo("""
                {
                  "instance" : {
                    "id" : "crs-1",
                    "capacity" : 2
                  },
                  "node" : {
                    "name" : "a",
                    "port" : 1
                  },
                  "model" : {
                    "InstanceId" : "crs-1",
                    "Port" : 6379
                  },
                  "password" : "******",
                  "list" : [ 1, "two" ],
                  "gstring" : "n=1"
                }""");
    }

    @Test
    void nullIsJsonNull() {
        assertThat(json.render(null)).isEqualTo("null");
    }

    @Test
    void textIsToStringPerLine() {
        assertThat(new TextRenderer().render(List.of("a", 1))).isEqualTo("a\n1");
        assertThat(new TextRenderer().render(null)).isEmpty();
    }
}
