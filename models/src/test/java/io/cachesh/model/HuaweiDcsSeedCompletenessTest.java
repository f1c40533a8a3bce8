package io.cachesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Huawei DCS models against their seeds: every API page of the seed is an operation with the same method and URI,
 * every path/query/body parameter a member of its input shape (same location, required flag and type family), every
 * top-level response field a member of its output shape, and every error code of the seed's table an error.
 */
class HuaweiDcsSeedCompletenessTest {

    private static final Pattern V2_END = Pattern.compile("^#*\\s*6\\s+权限策略");
    private static final Pattern V1_END = Pattern.compile("^#*\\s*9\\.1\\s+状态码");

    @Test
    void v2ModelHasEveryOperationParameterAndResponseFieldOfTheSeed() {
        HuaweiSeedReader seed = HuaweiSeedReader.openDefault("huawei-dcs-v2-2025.txt", HuaweiSeedReader.Layout.V2);
        List<HuaweiSeedReader.Page> pages = seed.pages("5.", V2_END);
        assertThat(pages).as("V2 API pages of chapter 5").hasSize(128);
        check(Models.load("huawei-dcs-v2"), seed, pages);
    }

    @Test
    void v1ModelHasEveryOperationParameterAndResponseFieldOfTheSeed() {
        HuaweiSeedReader seed = HuaweiSeedReader.openDefault("huawei-dcs-v1-2020.txt", HuaweiSeedReader.Layout.V1);
        List<HuaweiSeedReader.Page> pages = seed.pages("", V1_END);
        assertThat(pages).as("v1.0 API pages").hasSize(22);
        check(Models.load("huawei-dcs-v1"), seed, pages);
    }

    @Test
    void v2ModelHasEveryErrorCodeOfTheTable() {
        HuaweiSeedReader seed = HuaweiSeedReader.openDefault("huawei-dcs-v2-2025.txt", HuaweiSeedReader.Layout.V2);
        var table = seed.errorTable(Pattern.compile("^#*\\s*7\\.2\\s+错误码"), Pattern.compile("^#*\\s*7\\.3\\s"));
        assertThat(table.size()).isGreaterThan(250);
        checkErrors(Models.load("huawei-dcs-v2"), table);
    }

    @Test
    void v1ModelHasEveryErrorCodeOfTheTable() {
        HuaweiSeedReader seed = HuaweiSeedReader.openDefault("huawei-dcs-v1-2020.txt", HuaweiSeedReader.Layout.V1);
        var table = seed.errorTable(Pattern.compile("^#*\\s*9\\.2\\s+错误码"), Pattern.compile("^#*\\s*9\\.3\\s"));
        assertThat(table.size()).isGreaterThan(200);
        checkErrors(Models.load("huawei-dcs-v1"), table);
    }

    @Test
    void modelsAreConsistent() {
        for (String service : List.of("huawei-dcs-v2", "huawei-dcs-v1")) {
            assertThat(ModelChecker.problems(Models.load(service))).as(service).isEmpty();
        }
    }

    private static void checkErrors(ApiModel model, Map<String, HuaweiSeedReader.ErrorRow> table) {
        List<String> problems = new ArrayList<>();
        table.values().forEach(row -> {
            ErrorModel error = model.errors().get(row.code());
            if (error == null) {
                problems.add("error " + row.code() + " (line " + row.line() + ", " + row.message() + ") missing");
            } else if (error.httpStatus() == null || error.httpStatus() != row.httpStatus()) {
                problems.add("error " + row.code() + ": httpStatus " + error.httpStatus() + ", seed " + row.httpStatus());
            } else if (error.doc() == null || error.doc().isBlank() || error.kind() == null) {
                problems.add("error " + row.code() + ": no doc or kind");
            }
        });
        assertThat(problems).as(model.service() + " errors").isEmpty();
    }

    private static void check(ApiModel model, HuaweiSeedReader seed, List<HuaweiSeedReader.Page> pages) {
        List<String> problems = new ArrayList<>();
        assertThat(model.operations()).as(model.service() + " operations").hasSize(pages.size());
        for (HuaweiSeedReader.Page page : pages) {
            Optional<Map.Entry<String, OperationModel>> found = model.operations().entrySet().stream()
                    .filter(e -> e.getValue().http() != null && page.method().equals(e.getValue().http().method())
                            && page.path().equals(e.getValue().http().uri()))
                    .findFirst();
            if (found.isEmpty()) {
                problems.add(page.where() + ": no operation with this method and URI");
                continue;
            }
            String opName = found.get().getKey();
            OperationModel op = found.get().getValue();
            String where = opName + " [" + page.where() + "]";
            Integer success = page.statuses().stream().filter(s -> s >= 200 && s < 300).findFirst().orElse(null);
            if (success != null && !success.equals(op.http().status())) {
                problems.add(where + ": status " + op.http().status() + ", seed " + success);
            }
            if (op.seed() == null || !op.seed().startsWith(seed.file() + ":")) {
                problems.add(where + ": seed reference " + op.seed());
            }
            if (op.doc() == null || op.doc().isBlank()) problems.add(where + ": no doc");
            ShapeModel input = model.shapes().get(op.input());
            ShapeModel output = model.shapes().get(op.output());
            if (input == null || output == null) {
                problems.add(where + ": input or output shape missing");
                continue;
            }
            for (HuaweiSeedReader.Param p : page.params()) {
                String key = memberKey(input, p.name(), p.location());
                if (key == null) {
                    problems.add(where + ": " + p.location() + " parameter " + p.name() + " (line " + p.line() + ") missing");
                    continue;
                }
                MemberModel m = input.members().get(key);
                if (input.isRequired(key) != p.required()) {
                    problems.add(where + ": parameter " + p.name() + " required=" + input.isRequired(key) + ", seed " + p.required());
                }
                if (!typeMatches(p.typeFamily(), m.type())) {
                    problems.add(where + ": parameter " + p.name() + " type " + m.type() + ", seed " + p.type());
                }
                if (m.doc() == null || m.doc().isBlank()) problems.add(where + ": parameter " + p.name() + " without doc");
            }
            for (String var : vars(page.path())) {
                if (memberKey(input, var, "path") == null) problems.add(where + ": URI variable {" + var + "} not a path member");
            }
            List<HuaweiSeedReader.Param> response = page.response();
            if (response.size() == 1 && response.get(0).name().equals("[数组元素]")) {
                if (!output.isList()) problems.add(where + ": the seed's response is a bare array, output is not a list shape");
                continue;
            }
            for (HuaweiSeedReader.Param p : response) {
                MemberModel m = output.members().get(p.name());
                if (m == null) {
                    problems.add(where + ": response field " + p.name() + " (line " + p.line() + ") missing");
                } else if (!typeMatches(p.typeFamily(), m.type())) {
                    problems.add(where + ": response field " + p.name() + " type " + m.type() + ", seed " + p.type());
                }
            }
        }
        assertThat(problems).as(model.service() + " against " + seed.file()).isEmpty();
    }

    private static String memberKey(ShapeModel shape, String wireName, String location) {
        for (var e : shape.members().entrySet()) {
            String wire = e.getValue().wireName() != null ? e.getValue().wireName() : e.getKey();
            if (wire.equals(wireName) && location.equals(e.getValue().location())) return e.getKey();
        }
        return null;
    }

    private static boolean typeMatches(String family, String type) {
        for (String f : family.split("\\|")) if (f.equals(type)) return true;
        return false;
    }

    private static List<String> vars(String path) {
        List<String> out = new ArrayList<>();
        var m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
