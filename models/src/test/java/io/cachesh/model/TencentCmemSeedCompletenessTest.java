package io.cachesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.model.TencentCmemSeedReader.Page;
import io.cachesh.model.TencentCmemSeedReader.Row;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Tencent CMEM model against its seed: actions, parameters, output fields (dotted paths), the 22 error codes. */
class TencentCmemSeedCompletenessTest {

    static TencentCmemSeedReader seed;
    static List<Page> pages;
    static ApiModel model;

    @BeforeAll
    static void load() {
        seed = TencentCmemSeedReader.openDefault();
        pages = seed.pages();
        model = Models.load("tencent-cmem");
    }

    @Test
    void everyOverviewActionIsAnOperationOnItsPage() {
        assertThat(seed.overviewActions()).as("API overview").containsExactly("DescribeCmem", "ClearCmem");
        assertThat(pages.stream().map(Page::action).toList()).as("action pages").isEqualTo(seed.overviewActions());
        assertThat(List.copyOf(model.operations().keySet())).as("operations").isEqualTo(seed.overviewActions());
        SoftAssertions soft = new SoftAssertions();
        for (Page p : pages) {
            soft.assertThat(model.endpoint()).as(p.action() + ": 域名").isEqualTo(p.host());
            soft.assertThat(model.operations().get(p.action()).seed()).as(p.action() + ": seed range")
                    .isEqualTo(TencentCmemSeedReader.SEED_FILE + ":" + p.first() + "-" + p.last());
        }
        soft.assertAll();
        assertThat(pages.get(1).text()).contains("单个实例每天清空次数限制为5次");
        assertThat(model.operations().get("ClearCmem").doc()).as("ClearCmem's documented limit").contains("5 times per day");
    }

    @Test
    void everyParameterAndOutputFieldIsInTheModel() {
        SoftAssertions soft = new SoftAssertions();
        for (Page p : pages) {
            OperationModel op = model.operations().get(p.action());
            ShapeModel in = model.shape(op.input());
            soft.assertThat(List.copyOf(in.members().keySet())).as(p.action() + ": inputs in seed order")
                    .containsExactlyElementsOf(p.inputs().stream().map(r -> r.name().replaceAll("\\.n$", "")).toList());
            soft.assertThat(Set.copyOf(in.required())).as(p.action() + ": required inputs")
                    .isEqualTo(p.inputs().stream().filter(Row::required).map(Row::name).collect(Collectors.toSet()));
            for (Row r : p.inputs()) {
                MemberModel m = in.members().get(r.name().replaceAll("\\.n$", ""));
                if (m == null) continue;
                soft.assertThat(m.isList()).as("%s.%s: .n array <=> list", p.action(), r.name()).isEqualTo(r.name().endsWith(".n"));
                soft.assertThat(m.type()).as("%s.%s: seed type %s", p.action(), r.name(), r.type())
                        .isEqualTo(r.type().equals("Int") ? "integer" : r.type().equals("String") ? "string" : "list");
            }
            for (Row r : p.outputs()) {
                soft.assertThat(ModelPaths.unresolved(model, op.output(), r.name()))
                        .as("%s: output field %s (line %d)", p.action(), r.name(), r.line()).isNull();
            }
            soft.assertThat(model.shape(op.output()).members().keySet()).as(p.action() + ": top-level outputs")
                    .containsExactlyInAnyOrderElementsOf(p.outputs().stream().map(Row::name).filter(n -> !n.contains(".")).toList());
        }
        soft.assertAll();
    }

    @Test
    void allTwentyTwoErrorCodesAreInTheModelAndEveryOperation() {
        Map<String, Integer> codes = seed.errorCodes();
        assertThat(codes).as("numeric error codes of the seed").hasSize(22);
        assertThat(model.errors().keySet()).as("model errors = the seed's codes").containsExactlyInAnyOrderElementsOf(codes.keySet());
        SoftAssertions soft = new SoftAssertions();
        model.operations().forEach((name, op) -> soft.assertThat(op.errors()).as(name + ": errors")
                .containsExactlyInAnyOrderElementsOf(codes.keySet()));
        soft.assertAll();
    }
}
