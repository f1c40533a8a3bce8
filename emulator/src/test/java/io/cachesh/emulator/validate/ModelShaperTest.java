package io.cachesh.emulator.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.model.Models;
import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The streaming writer gives exactly the bytes of the shaped copy, and leaves the output it reads unchanged. */
class ModelShaperTest {

    final ModelShaper shaper = new ModelShaper(Models.load("tencent-redis"));

    @Test
    void writeMembersWritesWhatTheShapedCopyWritesWithoutTouchingTheOutput() throws Exception {
        ObjectNode output = Json.object();
        output.put("TotalCount", 2);
        output.put("NotInTheModel", "dropped");
        output.put("RequestId", "omitted-here");
        for (int k = 0; k < 2; k++) {
            ObjectNode i = output.withArray("InstanceSet").addObject();
            i.put("InstanceName", "订单-" + k);
            i.put("InstanceId", "crs-" + k);
            i.put("Appid", 1250000000L + k);
            i.put("Size", 2048.0);
            i.put("SizeUsed", new BigDecimal("0.50"));
            i.putNull("DeadlineTime");
            i.put("NoAuth", k == 0);
            i.put("Debug", "dropped too");
            i.withArray("InstanceTags").addObject().put("TagKey", "team").put("TagValue", "核心").put("Extra", 1);
            i.withArray("NodeSet").addObject().put("NodeId", 10L).put("ZoneName", "ap-guangzhou-3");
            i.putArray("InstanceNode");
        }
        String before = Json.write(output);

        ObjectNode expected = shaper.shape("DescribeInstancesResponse", output);
        expected.remove("RequestId");
        StringWriter written = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.createGenerator(written)) {
            out.writeStartObject();
            shaper.writeMembers("DescribeInstancesResponse", output, out, "RequestId");
            out.writeEndObject();
        }

        assertThat(written.toString()).isEqualTo(Json.write(expected));
        assertThat(written.toString()).doesNotContain("dropped", "Extra", "omitted-here").contains("订单-1", "核心");
        assertThat(Json.write(output)).isEqualTo(before);
    }

    @Test
    void frozenMembersAreWrittenAsTheSameBytesEveryTimeTheirKeptJsonIsUsed() throws Exception {
        ObjectNode plain = Json.object();
        ObjectNode frozen = Json.object();
        for (ObjectNode output : new ObjectNode[] {plain, frozen}) {
            output.put("TotalCount", 2);
            for (int k = 0; k < 2; k++) {
                ObjectNode i = Json.object();
                i.put("InstanceName", "订单-" + k);
                i.put("InstanceId", "crs-" + k);
                i.put("Size", 2048.0);
                i.put("NoAuth", k == 0);
                i.put("Debug", "dropped");
                i.withArray("InstanceTags").addObject().put("TagKey", "team").put("TagValue", "核心").put("Extra", 1);
                output.withArray("InstanceSet").add(output == frozen ? new FrozenObjectNode(i) : i);
            }
        }
        assertThat(frozen).isEqualTo(plain);
        byte[] expected = utf8(plain);
        assertThat(new String(expected, java.nio.charset.StandardCharsets.UTF_8)).contains("订单-1", "核心")
                .doesNotContain("dropped", "Extra");
        assertThat(utf8(frozen)).as("first answer: rendered and kept").isEqualTo(expected);
        assertThat(utf8(frozen)).as("next answer: the kept JSON").isEqualTo(expected);
        StringWriter written = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.createGenerator(written)) {
            out.writeStartObject();
            shaper.writeMembers("DescribeInstancesResponse", frozen, out, null);
            out.writeEndObject();
        }
        assertThat(written.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** As the front ends write an answer: straight to UTF-8 bytes. */
    private byte[] utf8(ObjectNode output) throws Exception {
        com.fasterxml.jackson.core.util.ByteArrayBuilder bytes = new com.fasterxml.jackson.core.util.ByteArrayBuilder();
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            shaper.writeMembers("DescribeInstancesResponse", output, out, null);
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    @Test
    void withoutAShapeEveryMemberIsWritten() throws Exception {
        ObjectNode output = Json.object().put("A", 1).put("B", "x");
        output.putObject("C").put("D", 2.5);
        StringWriter written = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.createGenerator(written)) {
            out.writeStartObject();
            shaper.writeMembers(null, output, out, "B");
            out.writeEndObject();
        }
        assertThat(written.toString()).isEqualTo("{\"A\":1,\"C\":{\"D\":2.5}}");
    }
}
