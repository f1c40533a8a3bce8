package io.cachesh.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parameter tables of the Tencent Redis API 3.0 seed (a PDF-to-text dump): action pages
 * ({@code 2. 输入参数} / {@code 3. 输出参数} / {@code 4. 示例}), data structures ({@code 数据结构}) and the API overview table.
 *
 * <p>The dump interleaves page footers (URL lines, repeated table headers, page titles followed by
 * {@code 最近更新时间：}, copyright lines) with the tables, wraps descriptions over several lines and sometimes splits
 * {@code Array of X} over lines. Rows are recognised by their shape ({@code Name 是|否 Type} for inputs,
 * {@code Name Type} for outputs, {@code Name Type [是|否]} for structures); everything else is description text.
 * Every lookup fails loudly (IllegalStateException) when the expected table cannot be found.
 */
final class TencentSeedReader {

    static final String SEED_FILE = "tencent-redis-api3-and-legacy-v2.txt";

    /** One row of a parameter table. {@code required} is null for output tables and output-only structures. */
    record Param(String name, Boolean required, String type, int line) {
        /** The model's member name: {@code InstanceIds.N} -> {@code InstanceIds}. */
        String memberName() {
            return name.endsWith(".N") ? name.substring(0, name.length() - 2) : name;
        }
    }

    /** Input and output rows of one action page (common parameters Action/Version/Region removed). */
    record ActionTables(String action, List<Param> inputs, List<Param> outputs) {
    }

    /** One row of the API overview table. */
    record OverviewAction(String name, String title, int rateLimit, int line) {
    }

    private static final String ID = "[A-Za-z][A-Za-z0-9_]*(?:\\.N)?";
    private static final Pattern INPUT_ROW = Pattern.compile("^(" + ID + ") (是|否)(?: (.*))?$");
    private static final Pattern OUTPUT_ROW = Pattern.compile("^(" + ID + ")(?: (.*))?$");
    private static final Pattern PRIMITIVE = Pattern.compile(
            "^(String|Integer|Boolean|Float|Double|Timestamp ISO8601|Timestamp|Date|Binary)(?: (.*))?$");
    private static final Pattern ARRAY_OF = Pattern.compile("^Array of ([A-Za-z][A-Za-z0-9]*)(?: (.*))?$");
    private static final Pattern CN_ARRAY = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)数组(?: (.*))?$");
    private static final Pattern STRUCT_NAME = Pattern.compile("^([A-Z][A-Za-z0-9]*)(?: (.*))?$");
    private static final Pattern REQUIRED_PREFIX = Pattern.compile("^(是|否)(?: (.*))?$");
    private static final Pattern OVERVIEW_ROW = Pattern.compile("^([A-Z][A-Za-z0-9]+) (.+) (\\d+)$");
    private static final Pattern SEED_REF = Pattern.compile("^(.+):(\\d+)-(\\d+)$");
    private static final Pattern PAGE_ACTION = Pattern.compile("公共参数，本接口取值：([A-Za-z0-9]+)。");
    private static final Set<String> HEADERS = Set.of(
            "参数名称 必选 类型 描述", "参数名称 类型 描述", "名称 类型 描述", "名称 类型 必选 描述", "推荐使用 API Explorer 点击调试");

    private final Path path;
    private final List<String> lines;
    private Set<String> structureNames;

    private TencentSeedReader(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    /** The seed under {@code <workspace>/shared/seeds}, where the workspace is the parent of the project root. */
    static TencentSeedReader openDefault() {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path projectRoot = moduleDir.getParent();
        if (projectRoot == null || projectRoot.getParent() == null) {
            throw new IllegalStateException("cannot locate the seed: working directory " + moduleDir
                    + " has no grandparent (expected <workspace>/main/models)");
        }
        Path seed = projectRoot.getParent().resolve("shared").resolve("seeds").resolve(SEED_FILE);
        if (!Files.isRegularFile(seed)) {
            throw new IllegalStateException("seed not found at " + seed + " (resolved from working directory " + moduleDir
                    + " as ../../shared/seeds/" + SEED_FILE + ")");
        }
        return open(seed);
    }

    static TencentSeedReader open(Path seed) {
        try {
            return new TencentSeedReader(seed, Files.readAllLines(seed, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + seed, e);
        }
    }

    /** {@code "file.txt:12-34"} -> {@code [12, 34]}. */
    static int[] lineRange(String seedRef) {
        if (seedRef == null) throw new IllegalStateException("no seed line range");
        Matcher m = SEED_REF.matcher(seedRef);
        if (!m.matches()) throw new IllegalStateException("not a seed line range (file:first-last): " + seedRef);
        if (!m.group(1).equals(SEED_FILE)) throw new IllegalStateException("seed range refers to another file: " + seedRef);
        int first = Integer.parseInt(m.group(2));
        int last = Integer.parseInt(m.group(3));
        if (first < 1 || last < first) throw new IllegalStateException("bad seed line range: " + seedRef);
        return new int[] {first, last};
    }

    Path path() {
        return path;
    }

    int lineCount() {
        return lines.size();
    }

    /** Line {@code n} (1-based), trimmed. */
    String line(int n) {
        return lines.get(n - 1).trim();
    }

    /** The action name of the page in the range (its Action row: {@code 公共参数，本接口取值：Name。}). */
    String pageAction(int first, int last) {
        checkRange(first, last);
        for (int n = first; n <= last; n++) {
            Matcher m = PAGE_ACTION.matcher(line(n));
            if (m.find()) return m.group(1);
        }
        throw new IllegalStateException("no action page (公共参数，本接口取值：Name。) in lines " + first + "-" + last);
    }

    /** The default rate limit stated on the page ({@code 默认接口请求频率限制：N次/秒}). */
    int pageRateLimit(int first, int last) {
        checkRange(first, last);
        Pattern p = Pattern.compile("默认接口请求频率限制：(\\d+)次/秒");
        for (int n = first; n <= last; n++) {
            Matcher m = p.matcher(line(n));
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        throw new IllegalStateException("no rate limit on the page at lines " + first + "-" + last);
    }

    /** The input and output tables of the action page in lines {@code first..last}. */
    ActionTables actionTables(int first, int last) {
        checkRange(first, last);
        String action = pageAction(first, last);
        int in = find(first, last, "2. 输入参数", action);
        int out = find(in + 1, last, "3. 输出参数", action);
        int examples = find(out + 1, last, "4. 示例", action);
        List<Param> inputs = parse(clean(in + 1, out - 1), Kind.INPUT);
        List<String> inputNames = inputs.stream().map(Param::name).toList();
        if (!inputNames.containsAll(List.of("Action", "Version", "Region"))) {
            throw new IllegalStateException(action + ": input table at lines " + in + "-" + out
                    + " not recognised (common parameters Action/Version/Region missing; found " + inputNames + ")");
        }
        List<Param> outputs = parse(clean(out + 1, examples - 1), Kind.OUTPUT);
        if (outputs.stream().noneMatch(p -> p.name().equals("RequestId"))) {
            throw new IllegalStateException(action + ": output table at lines " + out + "-" + examples
                    + " not recognised (no RequestId; found " + outputs + ")");
        }
        List<Param> business = inputs.stream()
                .filter(p -> !Set.of("Action", "Version", "Region").contains(p.name())).toList();
        return new ActionTables(action, business, outputs);
    }

    /** The member table of the data structure whose entry spans lines {@code first..last}. */
    List<Param> structure(String name, int first, int last) {
        checkRange(first, last);
        if (!line(first).equals(name)) {
            throw new IllegalStateException("structure " + name + ": line " + first + " is '" + line(first) + "', not its name");
        }
        int refs = -1;
        for (int n = first; n <= Math.min(last, first + 10); n++) {
            if (line(n).contains("被如下接口引用")) {
                refs = n;
                break;
            }
        }
        if (refs < 0) throw new IllegalStateException("structure " + name + ": no 被如下接口引用 line after line " + first);
        List<Param> rows = parse(clean(refs + 1, last), Kind.STRUCTURE);
        if (rows.isEmpty()) throw new IllegalStateException("structure " + name + ": no member rows in lines " + first + "-" + last);
        return rows;
    }

    /** Names of all data structures of the 数据结构 page (the heading two lines above each 被如下接口引用 line). */
    Set<String> structureNames() {
        if (structureNames == null) {
            Set<String> names = new LinkedHashSet<>();
            for (int n = 1; n <= lines.size(); n++) {
                if (!line(n).startsWith("被如下接口引用")) continue;
                int seen = 0;
                for (int k = n - 1; k >= 1; k--) {
                    if (line(k).isEmpty()) continue;
                    if (++seen == 2) {
                        if (line(k).matches("[A-Z][A-Za-z0-9]*")) names.add(line(k));
                        break;
                    }
                }
            }
            if (names.isEmpty()) throw new IllegalStateException("no data structures (被如下接口引用) found in " + path);
            structureNames = names;
        }
        return structureNames;
    }

    /**
     * The actions of the API overview (API 概览): rows {@code Name 功能 rate} from the first table header
     * {@code 接口名称 接口功能 频率限制（次/秒）} to the note {@code 以上给出的接口频率限制...} that closes the table.
     */
    List<OverviewAction> overviewActions() {
        int start = -1;
        for (int n = 1; n <= lines.size(); n++) {
            if (line(n).startsWith("接口名称 接口功能 频率限制")) {
                start = n;
                break;
            }
        }
        if (start < 0) throw new IllegalStateException("API overview table (接口名称 接口功能 频率限制) not found in " + path);
        int end = -1;
        for (int n = start; n <= lines.size(); n++) {
            if (line(n).startsWith("以上给出的接口频率限制")) {
                end = n;
                break;
            }
        }
        if (end < 0) throw new IllegalStateException("end of the API overview table (以上给出的接口频率限制) not found after line " + start);
        Map<String, OverviewAction> actions = new LinkedHashMap<>();
        for (int n = start; n < end; n++) {
            Matcher m = OVERVIEW_ROW.matcher(line(n));
            if (m.matches()) {
                actions.putIfAbsent(m.group(1), new OverviewAction(m.group(1), m.group(2), Integer.parseInt(m.group(3)), n));
            }
        }
        if (actions.isEmpty()) throw new IllegalStateException("API overview table at lines " + start + "-" + end + " has no rows");
        return List.copyOf(actions.values());
    }

    /**
     * Lines of the data structure {@code name} on the 数据结构 page: from its heading to the line before the next
     * structure's heading (the last structure ends before the error-code page's {@code 功能说明}).
     */
    int[] structureRange(String name) {
        List<String> names = List.copyOf(structureNames());
        int index = names.indexOf(name);
        if (index < 0) throw new IllegalStateException("no data structure named " + name + " in " + path);
        int first = structureHeading(name, 1);
        int last;
        if (index + 1 < names.size()) {
            last = structureHeading(names.get(index + 1), first + 1) - 1;
        } else {
            last = -1;
            for (int n = first; n <= lines.size(); n++) {
                if (line(n).equals("功能说明")) {
                    last = n - 1;
                    break;
                }
            }
            if (last < 0) throw new IllegalStateException("end of the last data structure " + name + " (功能说明) not found");
        }
        return new int[] {first, last};
    }

    private int structureHeading(String name, int from) {
        for (int n = from; n <= lines.size(); n++) {
            if (!line(n).startsWith("被如下接口引用")) continue;
            int seen = 0;
            for (int k = n - 1; k >= 1; k--) {
                if (line(k).isEmpty()) continue;
                if (++seen == 2) {
                    if (line(k).equals(name)) return k;
                    break;
                }
            }
        }
        throw new IllegalStateException("heading of data structure " + name + " not found after line " + from);
    }

    /** The error codes of the {@code 6. 错误码} table of the action page in lines {@code first..last}; empty when it has none. */
    List<String> pageErrorCodes(int first, int last) {
        checkRange(first, last);
        int table = -1;
        for (int n = first; n <= last; n++) {
            if (line(n).equals("6. 错误码")) table = n;
        }
        if (table < 0) return List.of();
        return errorCodes(clean(table + 1, last));
    }

    /** Codes of the error-code page: the 公共错误码 table and the 业务错误码 table (up to the legacy API 2017 part). */
    Map<String, List<String>> errorPageCodes() {
        int business = -1;
        for (int n = 1; n <= lines.size(); n++) {
            if (line(n).equals("业务错误码")) {
                business = n;
                break;
            }
        }
        if (business < 0) throw new IllegalStateException("业务错误码 table not found in " + path);
        int common = -1;
        for (int n = business - 1; n >= 1; n--) {
            if (line(n).equals("公共错误码")) {
                common = n;
                break;
            }
        }
        if (common < 0) throw new IllegalStateException("公共错误码 table not found before line " + business);
        int end = -1;
        for (int n = business + 1; n <= lines.size(); n++) {
            if (line(n).startsWith("云数据库 Redis API 2017")) {
                end = n;
                break;
            }
        }
        if (end < 0) throw new IllegalStateException("end of the 业务错误码 table (云数据库 Redis API 2017) not found");
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("common", errorCodes(clean(common + 1, business - 1)));
        out.put("business", errorCodes(clean(business + 1, end - 1)));
        if (out.get("common").isEmpty() || out.get("business").isEmpty()) {
            throw new IllegalStateException("error-code tables at lines " + common + "-" + end + " not recognised: " + out);
        }
        return out;
    }

    private static final Pattern ERROR_ROW = Pattern.compile("^([A-Z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*)(?: (.*))?$");

    /** Rows {@code Code description}; a code has a dot, is CamelCase, or is followed by (Chinese) description text. */
    private static List<String> errorCodes(List<Line> in) {
        List<String> codes = new ArrayList<>();
        for (Line l : in) {
            String t = l.text();
            if (t.startsWith("以下仅列出") || t.equals("错误码 描述") || t.equals("错误码 说明")) continue;
            Matcher m = ERROR_ROW.matcher(t);
            if (!m.matches()) continue;
            String code = m.group(1);
            String rest = m.group(2);
            boolean isCode = code.contains(".") || code.matches("[A-Z][a-z]+[A-Z][A-Za-z0-9]*") || rest == null
                    || rest.codePointAt(0) > 0x7f;
            if (isCode) codes.add(code);
        }
        return codes;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private enum Kind { INPUT, OUTPUT, STRUCTURE }

    private record Line(int n, String text) {
    }

    private void checkRange(int first, int last) {
        if (first < 1 || last > lines.size() || last < first) {
            throw new IllegalStateException("line range " + first + "-" + last + " outside the seed (1-" + lines.size() + ")");
        }
    }

    private int find(int from, int to, String marker, String action) {
        for (int n = from; n <= to; n++) {
            if (line(n).equals(marker)) return n;
        }
        throw new IllegalStateException(action + ": '" + marker + "' not found in lines " + from + "-" + to);
    }

    /** Non-blank lines without page noise: URLs, repeated headers, copyright footers, page title + update time. */
    private List<Line> clean(int from, int to) {
        List<Line> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            String s = line(n);
            if (s.isEmpty() || s.startsWith("http://") || s.startsWith("https://") || HEADERS.contains(s)
                    || s.contains("版权所有：腾讯云计算")) {
                continue;
            }
            if (s.startsWith("最近更新时间：")) {
                if (!out.isEmpty()) out.remove(out.size() - 1); // the page title printed just before
                continue;
            }
            out.add(new Line(n, s));
        }
        return out;
    }

    private List<Param> parse(List<Line> in, Kind kind) {
        List<Param> rows = new ArrayList<>();
        int i = 0;
        while (i < in.size()) {
            Line l = in.get(i);
            Matcher m = (kind == Kind.INPUT ? INPUT_ROW : OUTPUT_ROW).matcher(l.text());
            if (m.matches()) {
                String name = m.group(1);
                Boolean required = kind == Kind.INPUT ? "是".equals(m.group(2)) : null;
                String rest = kind == Kind.INPUT ? m.group(3) : m.group(2);
                TypeMatch t = type(in, i, rest == null ? "" : rest.trim());
                if (t != null) {
                    if (kind == Kind.STRUCTURE) {
                        Matcher r = REQUIRED_PREFIX.matcher(t.rest());
                        if (r.matches()) required = "是".equals(r.group(1));
                    }
                    rows.add(new Param(name, required, t.type(), l.n()));
                    i = t.next();
                    continue;
                }
            }
            i++; // description text
        }
        return rows;
    }

    private record TypeMatch(String type, String rest, int next) {
    }

    /** The type after a row name: on the same line, on the next line, or {@code Array of} / element on two lines. */
    private TypeMatch type(List<Line> in, int i, String rest) {
        if (rest.isEmpty()) {
            if (i + 1 >= in.size()) return null;
            String next = in.get(i + 1).text();
            if (next.equals("Array of")) {
                if (i + 2 >= in.size()) return null;
                String[] parts = in.get(i + 2).text().split(" ", 2);
                if (!parts[0].matches("[A-Za-z][A-Za-z0-9]*")) return null;
                return new TypeMatch("Array of " + parts[0], parts.length > 1 ? parts[1] : "", i + 3);
            }
            TypeMatch t = typeOnLine(next, i + 2);
            return t;
        }
        if (rest.equals("Array of")) {
            if (i + 1 >= in.size()) return null;
            String[] parts = in.get(i + 1).text().split(" ", 2);
            if (!parts[0].matches("[A-Za-z][A-Za-z0-9]*")) return null;
            return new TypeMatch("Array of " + parts[0], parts.length > 1 ? parts[1] : "", i + 2);
        }
        TypeMatch t = typeOnLine(rest, i + 1);
        if (t == null && rest.startsWith("Array of ")) {
            // "Items Array of 参数模板详情。" with the element type pushed past a page break onto a line of its own
            for (int k = i + 1; k < Math.min(in.size(), i + 12); k++) {
                String candidate = in.get(k).text();
                if (structureNames().contains(candidate)) {
                    return new TypeMatch("Array of " + candidate, rest.substring("Array of ".length()), i + 1);
                }
                if (OUTPUT_ROW.matcher(candidate).matches() && typeOnLine(candidate.contains(" ")
                        ? candidate.substring(candidate.indexOf(' ') + 1) : "", k + 1) != null) {
                    break; // the next row starts: no element type found
                }
            }
        }
        return t;
    }

    private TypeMatch typeOnLine(String text, int next) {
        Matcher m = ARRAY_OF.matcher(text);
        if (m.matches()) return new TypeMatch("Array of " + m.group(1), nz(m.group(2)), next);
        m = PRIMITIVE.matcher(text);
        if (m.matches()) return new TypeMatch(m.group(1), nz(m.group(2)), next);
        m = CN_ARRAY.matcher(text);
        if (m.matches()) return new TypeMatch("Array of " + m.group(1), nz(m.group(2)), next);
        m = STRUCT_NAME.matcher(text);
        if (m.matches() && structureNames().contains(m.group(1))) return new TypeMatch(m.group(1), nz(m.group(2)), next);
        return null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
