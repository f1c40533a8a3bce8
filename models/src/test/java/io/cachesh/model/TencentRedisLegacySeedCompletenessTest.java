package io.cachesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.model.TencentLegacySeedReader.ErrorRow;
import io.cachesh.model.TencentLegacySeedReader.Page;
import io.cachesh.model.TencentLegacySeedReader.Row;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The legacy Tencent Redis v2 model against the second half of its seed: all 22 action pages with every input
 * parameter (required flags, arrays as lists), every output field (dotted paths resolved through the model), every
 * error code of each page's 错误码 table and the 22 common numeric codes.
 */
class TencentRedisLegacySeedCompletenessTest {

    static TencentLegacySeedReader seed;
    static List<Page> pages;
    static ApiModel model;

    @BeforeAll
    static void load() {
        seed = TencentLegacySeedReader.openDefault();
        pages = seed.pages();
        model = Models.load("tencent-redis-legacy");
    }

    @Test
    void everyActionPageIsAnOperationInSeedOrder() {
        assertThat(pages).as("legacy action pages").hasSize(22);
        assertThat(List.copyOf(model.operations().keySet())).as("operations = the seed's action pages, in order")
                .containsExactlyElementsOf(pages.stream().map(Page::action).toList());
        assertThat(model.operations()).as("the misspelled wire name is the operation key").containsKey("ModfiyRedisPassword");
        assertThat(model.operations().get("ModfiyRedisPassword").doc()).contains("ModifyRedisPassword");
        SoftAssertions soft = new SoftAssertions();
        for (Page p : pages) {
            soft.assertThat(model.operations().get(p.action()).seed()).as(p.action() + ": seed range is its whole page")
                    .isEqualTo(TencentLegacySeedReader.SEED_FILE + ":" + p.first() + "-" + p.last());
        }
        soft.assertAll();
    }

    @Test
    void everyInputParameterIsAMemberWithItsRequiredFlag() {
        SoftAssertions soft = new SoftAssertions();
        for (Page p : pages) {
            OperationModel op = model.operations().get(p.action());
            if (op == null) continue;
            ShapeModel in = model.shape(op.input());
            soft.assertThat(List.copyOf(in.members().keySet())).as(p.action() + ": input members in seed order")
                    .containsExactlyElementsOf(p.inputs().stream().map(Row::memberName).toList());
            soft.assertThat(Set.copyOf(in.required())).as(p.action() + ": required inputs")
                    .isEqualTo(p.inputs().stream().filter(Row::required).map(Row::memberName).collect(Collectors.toSet()));
            for (Row r : p.inputs()) {
                MemberModel m = in.members().get(r.memberName());
                if (m == null) continue;
                soft.assertThat(m.isList()).as("%s.%s (line %d): array parameter <=> list", p.action(), r.name(), r.line())
                        .isEqualTo(r.isArray());
                MemberModel scalar = m.isList() ? m.member() : m;
                String expected = r.type().equals("String") ? "string" : r.type().equals("Array") ? scalar.type() : "integer";
                soft.assertThat(scalar.type()).as("%s.%s (line %d): seed type %s", p.action(), r.name(), r.line(), r.type())
                        .isEqualTo(expected);
            }
        }
        soft.assertAll();
    }

    @Test
    void everyOutputFieldResolvesInTheModel() {
        SoftAssertions soft = new SoftAssertions();
        for (Page p : pages) {
            OperationModel op = model.operations().get(p.action());
            if (op == null) continue;
            ShapeModel out = model.shape(op.output());
            soft.assertThat(out.members()).as(p.action() + ": envelope").containsKeys("code", "message", "codeDesc");
            Set<String> topLevel = new LinkedHashSet<>();
            for (Row r : p.outputs()) {
                if (!r.name().contains(".")) topLevel.add(r.name());
                String why = ModelPaths.unresolved(model, op.output(), r.name());
                if (why != null && !r.name().contains(".")) {
                    // a sub-table row without prefix ("zoneId" under "data 数组的结构"): a member of a nested structure
                    soft.assertThat(ModelPaths.reachableMember(model, op.output(), r.name()))
                            .as("%s: sub-table field %s (line %d) in a structure reachable from %s", p.action(), r.name(), r.line(), op.output())
                            .isTrue();
                    topLevel.remove(r.name());
                } else {
                    soft.assertThat(why).as("%s: output field %s (line %d)", p.action(), r.name(), r.line()).isNull();
                }
            }
            soft.assertThat(out.members().keySet()).as(p.action() + ": top-level output members = the seed's top-level rows")
                    .containsExactlyInAnyOrderElementsOf(topLevel);
        }
        soft.assertAll();
    }

    @Test
    void everyErrorCodeOfEveryPageIsInTheOperation() {
        SoftAssertions soft = new SoftAssertions();
        Set<String> business = new TreeSet<>();
        for (Page p : pages) {
            OperationModel op = model.operations().get(p.action());
            if (op == null) continue;
            List<String> opBusiness = op.errors().stream().filter(e -> !e.matches("\\d{4}")).toList();
            soft.assertThat(opBusiness).as(p.action() + ": business errors, one per 错误码 row, in seed order").hasSize(p.errors().size());
            for (int i = 0; i < Math.min(opBusiness.size(), p.errors().size()); i++) {
                ErrorRow row = p.errors().get(i);
                String key = opBusiness.get(i);
                soft.assertThat(key).as("%s: error row %d %s (line %d)", p.action(), row.number(), row.hint(), row.line()).isEqualTo(row.hint());
                ErrorModel e = model.errors().get(key);
                soft.assertThat(e).as("%s: error %s in the model's errors", p.action(), key).isNotNull();
                if (e != null) soft.assertThat(e.doc()).as("%s: doc of %s names its number", p.action(), key).startsWith("(" + row.number() + ")");
            }
            p.errors().forEach(r -> business.add(r.hint()));
        }
        Set<String> common = seed.commonErrorCodes().keySet();
        soft.assertThat(common).as("common numeric error codes (1、公共错误码)").hasSize(22);
        for (String code : common) {
            soft.assertThat(model.errors()).as("common error " + code).containsKey(code);
            model.operations().forEach((name, op) -> soft.assertThat(op.errors()).as(name + ": common error " + code).contains(code));
        }
        Set<String> unknown = new TreeSet<>(model.errors().keySet());
        unknown.removeAll(common);
        unknown.removeAll(business);
        soft.assertThat(unknown).as("model errors listed nowhere in the legacy seed").isEmpty();
        soft.assertAll();
        System.out.println("[tencent-redis-legacy] common codes " + common.size() + ", business hints " + business.size()
                + ", model errors " + model.errors().size());
    }
}
