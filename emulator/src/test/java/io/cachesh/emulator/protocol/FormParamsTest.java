package io.cachesh.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParamsTest {

    @Test
    void flattenedListsAndStructuresBecomeJson() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("InstanceIds.10", "k");
        form.put("InstanceIds.2", "c");
        form.put("InstanceIds.0", "a");
        form.put("InstanceIds.1", "b");
        form.put("InstanceParams.0.Key", "timeout");
        form.put("InstanceParams.0.Value", "120");
        form.put("Limit", "10");
        String json = Json.write(FormParams.toJson(form));
        assertThat(json).isEqualTo("{\"InstanceIds\":[\"a\",\"b\",\"c\",null,null,null,null,null,null,null,\"k\"],"
                + "\"InstanceParams\":[{\"Key\":\"timeout\",\"Value\":\"120\"}],\"Limit\":\"10\"}");
    }

    @Test
    void queryStringsAreDecoded() {
        assertThat(HttpRequestData.decodeForm("BeginTime=2019-09-08%2012%3A12%3A41&A=1&B"))
                .containsEntry("BeginTime", "2019-09-08 12:12:41").containsEntry("A", "1").containsEntry("B", "");
        assertThat(HttpRequestData.decodeForm("Bad=%zz")).containsEntry("Bad", "%zz");
    }

    @Test
    void keysWithAnEmptyDottedPartStayFlat() {
        for (String key : new String[]{".", "..", "a.", ".a", "InstanceIds..0", "a.0."}) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put(key, "x");
            form.put("InstanceIds.0", "a");
            assertThat(FormParams.toJson(form).get(key).asText()).as(key).isEqualTo("x");
            assertThat(FormParams.toJson(form).get("InstanceIds").get(0).asText()).isEqualTo("a");
        }
    }
}
