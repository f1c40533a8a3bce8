package io.cachesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.model.TencentSeedReader.ActionTables;
import io.cachesh.model.TencentSeedReader.OverviewAction;
import io.cachesh.model.TencentSeedReader.Param;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Tencent Redis model against its seed: every overview action, every data structure and every error code of the
 * seed is modelled, and every action and structure has exactly the seed's members, in seed order.
 */
class TencentRedisSeedCompletenessTest {

    static final List<String> FOUNDATION = List.of(
            "CreateInstances", "DescribeInstances", "DescribeTaskInfo", "DescribeProductInfo", "ModifyInstance",
            "UpgradeInstance", "ClearInstance", "ResetPassword", "DestroyPostpaidInstance", "DestroyPrepaidInstance",
            "CleanUpInstance", "ManualBackupInstance", "DescribeInstanceBackups", "DescribeInstanceParams",
            "ModifyInstanceParams");

    static TencentSeedReader seed;
    static ApiModel model;

    @BeforeAll
    static void load() {
        seed = TencentSeedReader.openDefault();
        model = Models.load("tencent-redis");
    }

    @Test
    void everyOperationMatchesItsSeedPage() {
        SoftAssertions soft = new SoftAssertions();
        model.operations().forEach((name, op) -> {
            int[] range = TencentSeedReader.lineRange(op.seed());
            ActionTables page = seed.actionTables(range[0], range[1]);
            soft.assertThat(page.action()).as(name + ": seed range " + op.seed() + " is the page of").isEqualTo(name);
            soft.assertThat(model.rateLimit(op)).as(name + ": rate limit").isEqualTo(seed.pageRateLimit(range[0], range[1]));

            ShapeModel input = model.shape(op.input());
            compare(soft, op.input(), input, page.inputs(), true);
            soft.assertThat(Set.copyOf(input.required())).as(op.input() + ": required members")
                    .isEqualTo(page.inputs().stream().filter(Param::required).map(Param::memberName).collect(Collectors.toSet()));

            ShapeModel output = model.shape(op.output());
            compare(soft, op.output(), output, page.outputs(), false);
            soft.assertThat(output.members()).as(op.output() + ": RequestId").containsKey("RequestId");
            soft.assertThat(output.required()).as(op.output() + ": outputs have no required flags").isEmpty();
        });
        soft.assertAll();
    }

    @Test
    void everyDataStructureMatchesTheSeed() {
        SoftAssertions soft = new SoftAssertions();
        Set<String> ioShapes = model.operations().values().stream()
                .flatMap(op -> java.util.stream.Stream.of(op.input(), op.output())).collect(Collectors.toSet());
        model.shapes().forEach((name, shape) -> {
            if (ioShapes.contains(name)) return;
            soft.assertThat(seed.structureNames()).as(name + " is a data structure of the seed").contains(name);
            int[] range = TencentSeedReader.lineRange(shape.seed());
            List<Param> rows = seed.structure(name, range[0], range[1]);
            compare(soft, name, shape, rows, rows.stream().anyMatch(p -> p.required() != null));
            Set<String> seedRequired = rows.stream().filter(p -> Boolean.TRUE.equals(p.required()))
                    .map(Param::memberName).collect(Collectors.toSet());
            soft.assertThat(Set.copyOf(shape.required())).as(name + ": required members").isEqualTo(seedRequired);
        });
        soft.assertAll();
    }

    @Test
    void everyOverviewActionIsModelled() {
        List<OverviewAction> overview = seed.overviewActions();
        Map<String, OverviewAction> byName = overview.stream()
                .collect(Collectors.toMap(OverviewAction::name, Function.identity()));
        assertThat(overview).as("actions in the API overview").hasSize(110);

        Set<String> missing = new TreeSet<>(byName.keySet());
        missing.removeAll(model.operations().keySet());
        assertThat(missing).as("overview actions missing from the model (overview lines %s)",
                missing.stream().map(n -> n + "@" + byName.get(n).line()).toList()).isEmpty();
        Set<String> extra = new TreeSet<>(model.operations().keySet());
        extra.removeAll(byName.keySet());
        assertThat(extra).as("model operations that are not overview actions").isEmpty();
        assertThat(model.operations().keySet()).as("foundation actions").containsAll(FOUNDATION);

        SoftAssertions soft = new SoftAssertions();
        model.operations().forEach((name, op) -> soft.assertThat(model.rateLimit(op)).as(name + ": overview rate limit")
                .isEqualTo(byName.get(name).rateLimit()));
        soft.assertAll();
    }

    @Test
    void everyDataStructureOfTheSeedIsAShapeWithItsWholeEntry() {
        Set<String> missing = new TreeSet<>(seed.structureNames());
        missing.removeAll(model.shapes().keySet());
        assertThat(missing).as("data structures of the seed (数据结构) missing from the model's shapes").isEmpty();
        assertThat(seed.structureNames()).as("data structures in the seed").hasSizeGreaterThanOrEqualTo(55);

        SoftAssertions soft = new SoftAssertions();
        for (String name : seed.structureNames()) {
            int[] expected = seed.structureRange(name);
            String ref = TencentSeedReader.SEED_FILE + ":" + expected[0] + "-" + expected[1];
            soft.assertThat(model.shape(name).seed()).as(name + ": seed range is the whole structure entry").isEqualTo(ref);
        }
        soft.assertAll();
    }

    @Test
    void everyErrorCodeOfTheSeedIsInTheModel() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, List<String>> page = seed.errorPageCodes();
        soft.assertThat(page.get("common")).as("公共错误码 rows").hasSizeGreaterThanOrEqualTo(38);
        soft.assertThat(page.get("business")).as("业务错误码 rows").hasSizeGreaterThanOrEqualTo(98);
        page.forEach((table, codes) -> codes.forEach(code -> soft.assertThat(model.errors())
                .as("error %s of the %s error-code table", code, table).containsKey(code)));

        Set<String> all = new TreeSet<>();
        page.values().forEach(all::addAll);
        for (OverviewAction action : seed.overviewActions()) {
            var op = model.operations().get(action.name());
            if (op == null) continue; // reported by everyOverviewActionIsModelled
            int[] range = TencentSeedReader.lineRange(op.seed());
            List<String> codes = seed.pageErrorCodes(range[0], range[1]);
            all.addAll(codes);
            for (String code : codes) {
                soft.assertThat(model.errors()).as("%s: error %s of its 错误码 table", action.name(), code).containsKey(code);
            }
            soft.assertThat(op.errors()).as("%s: per-action errors = its 错误码 table (lines %s)", action.name(), op.seed())
                    .containsExactlyElementsOf(codes);
        }
        Set<String> unknown = new TreeSet<>(model.errors().keySet());
        unknown.removeAll(all);
        soft.assertThat(unknown).as("model errors not listed anywhere in the seed").isEmpty();
        soft.assertAll();
        System.out.println("[tencent-redis] error codes in the seed: " + all.size() + ", in the model: " + model.errors().size());
    }

    @Test
    void seedRangesAreDisjointPages() {
        Set<String> seen = new LinkedHashSet<>();
        model.operations().forEach((name, op) -> {
            int[] range = TencentSeedReader.lineRange(op.seed());
            assertThat(seed.line(range[0])).as(name + ": page starts with 1. 接口描述").isEqualTo("1. 接口描述");
            assertThat(seen.add(op.seed())).as(name + ": seed range shared with another operation").isTrue();
        });
    }

    private static void compare(SoftAssertions soft, String shapeName, ShapeModel shape, List<Param> rows, boolean checkRequired) {
        List<String> seedNames = rows.stream().map(Param::memberName).toList();
        soft.assertThat(List.copyOf(shape.members().keySet())).as(shapeName + ": members in seed order")
                .containsExactlyElementsOf(seedNames);
        for (Param p : rows) {
            MemberModel m = shape.members().get(p.memberName());
            if (m == null) continue;
            soft.assertThat(compatible(p.type(), m))
                    .as("%s.%s: seed type %s (line %d) vs model %s%s", shapeName, p.memberName(), p.type(), p.line(),
                            m.type(), m.shape() != null ? " " + m.shape()
                                    : m.member() != null ? " of " + m.member().type() + (m.member().shape() == null ? "" : " " + m.member().shape()) : "")
                    .isTrue();
            if (p.name().endsWith(".N")) {
                soft.assertThat(m.isList()).as("%s.%s: seed array parameter %s", shapeName, p.memberName(), p.name()).isTrue();
            }
        }
    }

    /** String->string/timestamp, Integer->integer, Boolean->boolean, Float/Double->float, Array of X->list of X, Name->structure. */
    static boolean compatible(String seedType, MemberModel m) {
        if (m == null) return false;
        if (seedType.startsWith("Array of ")) {
            return m.isList() && compatible(seedType.substring("Array of ".length()), m.member());
        }
        return switch (seedType) {
            case "String", "Timestamp", "Timestamp ISO8601", "Date" -> "string".equals(m.type()) || "timestamp".equals(m.type());
            case "Integer" -> "integer".equals(m.type());
            case "Boolean" -> "boolean".equals(m.type());
            case "Float", "Double" -> "float".equals(m.type());
            case "Binary" -> "string".equals(m.type());
            default -> m.isStructure() && seedType.equals(m.shape());
        };
    }
}
