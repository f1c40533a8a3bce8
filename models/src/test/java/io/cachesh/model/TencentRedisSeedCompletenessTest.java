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

/** The Tencent Redis model against its seed: every modelled action and structure has exactly the seed's members. */
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
    void operationsAreOverviewActionsAndFoundationIsComplete() {
        List<OverviewAction> overview = seed.overviewActions();
        Map<String, OverviewAction> byName = overview.stream()
                .collect(Collectors.toMap(OverviewAction::name, Function.identity()));
        assertThat(overview).as("actions in the API overview").hasSize(110);
        assertThat(byName.keySet()).as("model operations must be overview actions").containsAll(model.operations().keySet());
        assertThat(model.operations().keySet()).as("foundation actions").containsAll(FOUNDATION);
        model.operations().forEach((name, op) -> assertThat(model.rateLimit(op)).as(name + ": overview rate limit")
                .isEqualTo(byName.get(name).rateLimit()));

        Set<String> missing = new TreeSet<>(byName.keySet());
        missing.removeAll(model.operations().keySet());
        System.out.println("[tencent-redis] overview actions: " + overview.size() + ", modelled: "
                + model.operations().size() + ", not yet modelled: " + missing.size());
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
