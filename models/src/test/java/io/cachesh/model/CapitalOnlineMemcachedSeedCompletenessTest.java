package io.cachesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.model.CapitalOnlineSeedReader.ErrorRow;
import io.cachesh.model.CapitalOnlineSeedReader.Row;
import io.cachesh.model.CapitalOnlineSeedReader.Section;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CapitalOnline Memcached model against its seed: 6 actions, hosts, every parameter, output field and error. */
class CapitalOnlineMemcachedSeedCompletenessTest {

    /** Output-table names the seed misspells, mapped to the wire name its JSON examples use. */
    static final Map<String, String> SEED_TYPOS = Map.of("message", "Message");

    static CapitalOnlineSeedReader seed;
    static List<Section> sections;
    static ApiModel model;

    @BeforeAll
    static void load() {
        seed = CapitalOnlineSeedReader.openDefault();
        sections = seed.sections();
        model = Models.load("capitalonline-memcached");
    }

    @Test
    void sixActionsWithTheirWireNamesAndHosts() {
        assertThat(seed.overviewActions()).hasSize(6);
        assertThat(List.copyOf(model.operations().keySet())).as("operations = overview actions").isEqualTo(seed.overviewActions());
        assertThat(sections.stream().map(Section::title).toList()).isEqualTo(seed.overviewActions());
        SoftAssertions soft = new SoftAssertions();
        for (Section s : sections) {
            soft.assertThat(s.sampleAction()).as(s.title() + ": the code sample's action").isEqualTo(s.title());
            if (!s.headingAction().equals(s.title())) {
                soft.assertThat(model.operations().get(s.title()).doc()).as(s.title() + ": doc notes the heading's Action:" + s.headingAction())
                        .contains("Action:" + s.headingAction());
            }
            OperationModel op = model.operations().get(s.title());
            soft.assertThat(op.seed()).isEqualTo(CapitalOnlineSeedReader.SEED_FILE + ":" + s.first() + "-" + s.last());
            soft.assertThat(op.http().method()).as(s.title() + ": 请求方法").isEqualTo(s.method());
            soft.assertThat(model.endpoint() + op.http().uri()).as(s.title() + ": 请求地址").isEqualTo(s.address());
        }
        soft.assertAll();
        assertThat(model.regionalEndpoints().values()).as("访问地址 hosts").containsExactlyInAnyOrderElementsOf(seed.hosts().values());
    }

    @Test
    void everyParameterWithRequiredFlagAndLimits() {
        SoftAssertions soft = new SoftAssertions();
        for (Section s : sections) {
            ShapeModel in = model.shape(model.operations().get(s.title()).input());
            soft.assertThat(List.copyOf(in.members().keySet())).as(s.title() + ": parameters in seed order")
                    .containsExactlyElementsOf(s.params().stream().map(Row::name).toList());
            soft.assertThat(Set.copyOf(in.required())).as(s.title() + ": required")
                    .isEqualTo(s.params().stream().filter(Row::required).map(Row::name).collect(Collectors.toSet()));
            for (Row r : s.params()) {
                MemberModel m = in.members().get(r.name());
                if (m == null) continue;
                soft.assertThat(m.type()).as("%s.%s: seed type %s", s.title(), r.name(), r.type())
                        .isEqualTo(r.type().equalsIgnoreCase("int") ? "integer" : "string");
                soft.assertThat(m.location()).as("%s.%s: JSON body", s.title(), r.name()).isEqualTo("body");
            }
        }
        soft.assertAll();
        MemberModel amount = model.shape("CreateMemcachedInstanceRequest").members().get("Amount");
        assertThat(amount.min().intValue()).isEqualTo(1);
        assertThat(amount.max().intValue()).isEqualTo(10);
        assertThat(model.shape("CreateMemcachedInstanceRequest").members().get("ConfSize").allowedValues())
                .as("1G-10G").containsExactly("1G", "2G", "3G", "4G", "5G", "6G", "7G", "8G", "9G", "10G");
    }

    @Test
    void everyOutputFieldIsInTheResponse() {
        SoftAssertions soft = new SoftAssertions();
        for (Section s : sections) {
            String out = model.operations().get(s.title()).output();
            soft.assertThat(model.shape(out).members()).as(s.title() + ": envelope").containsKeys("Code", "Message", "Data");
            for (Row r : s.outputs()) {
                String name = SEED_TYPOS.getOrDefault(r.name(), r.name());
                soft.assertThat(ModelPaths.reachableMember(model, out, name))
                        .as("%s: output field %s (line %d) in %s or a structure below it", s.title(), r.name(), r.line(), out).isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void everyErrorCodeIsInTheModel() {
        SoftAssertions soft = new SoftAssertions();
        for (Section s : sections) {
            OperationModel op = model.operations().get(s.title());
            soft.assertThat(op.errors()).as(s.title() + ": errors").containsExactlyElementsOf(s.errors().stream().map(ErrorRow::code).toList());
            for (ErrorRow e : s.errors()) {
                soft.assertThat(model.errors()).as("%s: error %s (line %d)", s.title(), e.code(), e.line()).containsKey(e.code());
                if (model.errors().containsKey(e.code())) {
                    soft.assertThat(model.errors().get(e.code()).doc()).as("%s: message of %s", s.title(), e.code()).contains(e.message());
                }
            }
        }
        soft.assertAll();
    }
}
