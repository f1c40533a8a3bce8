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
