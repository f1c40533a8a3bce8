package io.cachesh.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the legacy Tencent Redis API v2 part ("云数据库 Redis API 2017") of {@code tencent-redis-api3-and-legacy-v2.txt},
 * a PDF-to-text dump: 22 action pages ({@code 本接口(Name)用于...}, {@code 2. 输入参数}, {@code 3. 输出参数},
 * {@code 4. 错误码}, {@code 5. 示例}) and the common numeric error table ({@code 1、公共错误码}).
 *
 * <p>The dump breaks cells anywhere: names ({@code codeDes} / {@code c}, {@code data.zon} / {@code es.10000} /
 * {@code 2}), types ({@code Strin} / {@code g}) and error hints ({@code InstanceStatusAbno} ... {@code rmal}). Runs of
 * pure-ASCII one-word lines are glued back together and split into name + type ({@code codeDescString}); rows are
 * then recognised as {@code name 是|否 type} (inputs) or {@code name type} (outputs). Every lookup fails loudly.
 */
final class TencentLegacySeedReader {

    static final String SEED_FILE = "tencent-redis-api3-and-legacy-v2.txt";

    record Row(String name, Boolean required, String type, int line) {
        /** {@code dealIds.n} -> {@code dealIds}. */
        String memberName() {
            return name.endsWith(".n") ? name.substring(0, name.length() - 2) : name;
        }

        boolean isArray() {
            return name.endsWith(".n") || "Array".equals(type) && !name.contains(".") && required != null;
        }
    }

    record ErrorRow(int number, String hint, int line) {
    }

    record Page(String action, int first, int last, List<Row> inputs, List<Row> outputs, List<ErrorRow> errors) {
    }

    private static final Pattern PAGE = Pattern.compile("^本接口[（(]([A-Za-z]+)[）)]");
    private static final Pattern FRAGMENT = Pattern.compile("^[A-Za-z0-9._]+$");
    private static final Pattern GLUED = Pattern.compile("^(.*?)(String|UInt|Int|Array|Object|int)?$");
    private static final Pattern NAME = Pattern.compile("^[a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*$");
    private static final Set<String> TYPES = Set.of("String", "UInt", "Int", "Array", "Object", "int",
            "任务", "任务ID", "内网地址", "外网地址");
    private static final Pattern ERROR = Pattern.compile("^(\\d{5,6})(?:\\s+([A-Za-z][A-Za-z.]*))?(?:\\s.*)?$");
    private static final Pattern COMMON_ERROR = Pattern.compile("^(\\d{4})\\s+\\S.*$");

    private final List<String> lines;
    private final int legacyStart;

    private TencentLegacySeedReader(List<String> lines) {
        this.lines = lines;
        int start = -1;
        for (int n = 1; n <= lines.size(); n++) {
            if (line(n).equals("云数据库 Redis API 2017")) start = n;
        }
        if (start < 0) throw new IllegalStateException("legacy part (云数据库 Redis API 2017) not found in " + SEED_FILE);
        this.legacyStart = start;
    }

    static TencentLegacySeedReader openDefault() {
        Path seed = SeedFiles.resolve(SEED_FILE);
        try {
            return new TencentLegacySeedReader(Files.readAllLines(seed, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + seed, e);
        }
    }

    String line(int n) {
        return lines.get(n - 1).trim();
    }

    int legacyStart() {
        return legacyStart;
    }

    /** The action pages in seed order. */
    List<Page> pages() {
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int n = legacyStart; n <= lines.size(); n++) {
            Matcher m = PAGE.matcher(line(n));
            if (!m.find()) continue;
            int k = n - 1;
            while (k > legacyStart && !line(k).startsWith("最近更新时间")) k--;
            int title = k - 1;
            while (title > legacyStart && line(title).isEmpty()) title--;
            starts.add(new int[] {title, n});
            names.add(m.group(1));
        }
        if (starts.isEmpty()) throw new IllegalStateException("no legacy action pages (本接口(Name)) after line " + legacyStart);
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int first = starts.get(i)[0];
            int last = i + 1 < starts.size() ? starts.get(i + 1)[0] - 1 : lines.size();
            pages.add(page(names.get(i), first, last));
        }
        return pages;
    }

    private Page page(String action, int first, int last) {
        int in = find(first, last, "2. 输入参数", action);
        int out = find(in, last, "3. 输出参数", action);
        int err = find(out, last, "4. 错误码", action);
        int ex = find(err, last, "5. 示例", action);
        return new Page(action, first, last, rows(in + 1, out - 1, true), rows(out + 1, err - 1, false), errors(err + 1, ex - 1));
    }

    /** The 22 codes of the common error table ({@code 1、公共错误码} to {@code 2、模块错误码}). */
    Map<String, Integer> commonErrorCodes() {
        int from = -1;
        int to = -1;
        for (int n = legacyStart; n <= lines.size(); n++) {
            if (from < 0 && line(n).equals("1、公共错误码")) from = n;
            if (from > 0 && line(n).equals("2、模块错误码")) {
                to = n;
                break;
            }
        }
        if (from < 0 || to < 0) throw new IllegalStateException("legacy common error table (1、公共错误码 .. 2、模块错误码) not found");
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int n = from; n < to; n++) {
            Matcher m = COMMON_ERROR.matcher(line(n));
            if (m.matches()) codes.putIfAbsent(m.group(1), n);
        }
        return codes;
    }

    private int find(int from, int to, String marker, String action) {
        for (int n = from; n <= to; n++) {
            if (line(n).equals(marker)) return n;
        }
        throw new IllegalStateException(action + ": '" + marker + "' not found in lines " + from + "-" + to);
    }

    private record Tok(String text, int line) {
    }

    private static boolean noise(String s) {
        return s.isEmpty() || s.startsWith("http://") || s.startsWith("https://") || s.contains("版权所有") || s.startsWith("云数据库 Redis")
                || s.startsWith("参数名称") || s.equals("是否") || s.equals("必选") || s.equals("类型 描述") || s.equals("输入") || s.equals("输出")
                || s.startsWith("返回示例如下") || s.contains("数组结构") || s.contains("数组的结构") || s.contains("参数构成如下")
                || s.startsWith("以下错误码表") || s.startsWith("错误代码") || s.equals("无 无 无 无");
    }

    /** Tokens of a table region: whitespace-separated words, with runs of one-word ASCII lines glued and re-split. */
    private List<Tok> tokens(int from, int to) {
        List<Tok> out = new ArrayList<>();
        StringBuilder glue = new StringBuilder();
        int glueLine = -1;
        for (int n = from; n <= to; n++) {
            String s = line(n);
            if (noise(s)) continue;
            if (FRAGMENT.matcher(s).matches()) {
                if (glue.length() == 0) glueLine = n;
                glue.append(s);
                continue;
            }
            flush(glue, glueLine, out);
            for (String w : s.split("\\s+")) out.add(new Tok(w, n));
        }
        flush(glue, glueLine, out);
        return out;
    }

    private static void flush(StringBuilder glue, int line, List<Tok> out) {
        if (glue.length() == 0) return;
        Matcher m = GLUED.matcher(glue);
        if (!m.matches()) throw new IllegalStateException("cannot split " + glue);
        if (!m.group(1).isEmpty()) out.add(new Tok(m.group(1), line));
        if (m.group(2) != null) out.add(new Tok(m.group(2), line));
        glue.setLength(0);
    }

    private List<Row> rows(int from, int to, boolean input) {
        List<Tok> t = tokens(from, to);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i + 1 < t.size(); i++) {
            String name = t.get(i).text();
            if (!NAME.matcher(name).matches()) continue;
            if (input) {
                String req = t.get(i + 1).text();
                if (!req.equals("是") && !req.equals("否")) continue;
                String type = i + 2 < t.size() ? t.get(i + 2).text() : "";
                rows.add(new Row(name, req.equals("是"), type, t.get(i).line()));
                i++;
            } else if (TYPES.contains(t.get(i + 1).text())) {
                rows.add(new Row(name, null, t.get(i + 1).text(), t.get(i).line()));
                i++;
            }
        }
        return rows;
    }

    /** Rows {@code number hint description}; a hint broken over lines is glued from the one-word ASCII lines after it. */
    private List<ErrorRow> errors(int from, int to) {
        List<ErrorRow> rows = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            String s = line(n);
            if (noise(s)) continue;
            Matcher m = ERROR.matcher(s);
            if (m.matches()) {
                StringBuilder hint = new StringBuilder(m.group(2) == null ? "" : m.group(2));
                boolean complete = m.group(2) != null && s.length() > m.group(1).length() + 1 + m.group(2).length();
                int k = n + 1;
                while (k <= to && !complete) {
                    String next = line(k);
                    if (noise(next)) {
                        k++;
                        continue;
                    }
                    if (!next.matches("[A-Za-z.]+")) break;
                    hint.append(next);
                    k++;
                }
                rows.add(new ErrorRow(Integer.parseInt(m.group(1)), hint.toString(), n));
                if (!complete) n = k - 1;
            } else if (s.matches("[A-Za-z]+") && !rows.isEmpty()) {
                // a hint tail pushed past a page break ("InstanceStatusAbno" ... "rmal")
                ErrorRow last = rows.remove(rows.size() - 1);
                rows.add(new ErrorRow(last.number(), last.hint() + s, last.line()));
            }
        }
        return rows;
    }
}
