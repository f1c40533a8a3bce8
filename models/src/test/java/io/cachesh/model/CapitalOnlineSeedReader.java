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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the CapitalOnline OpenAPI Memcached seed ({@code capitalonline-memcached.txt}, a web-page dump with
 * space-separated tables): the overview ({@code API 描述}), the access hosts ({@code 地区 访问地址}) and one section per
 * action ({@code # N.Name}) with {@code Action:}, {@code 请求地址:}, {@code 请求方法:}, the request table
 * ({@code 名称 类型 是否必选 示例 描述}), the code sample's {@code action = "..."}, the response table
 * ({@code 名称 类型 示例值 描述}) and the error table ({@code httpcode 错误码 错误信息 描述}). Every lookup fails loudly.
 */
final class CapitalOnlineSeedReader {

    static final String SEED_FILE = "capitalonline-memcached.txt";

    record Row(String name, String type, Boolean required, int line) {
    }

    record ErrorRow(String code, String name, String message, int line) {
    }

    record Section(String title, int first, int last, String headingAction, String sampleAction, String address, String method,
                   List<Row> params, List<Row> outputs, List<ErrorRow> errors) {
    }

    private static final Pattern SECTION = Pattern.compile("^# (\\d+)\\.([A-Za-z]+)$");
    private static final Pattern PARAM = Pattern.compile("^([A-Za-z_]+) (String|string|int|Int|List|list) (是|否) .*$");
    private static final Pattern OUTPUT = Pattern.compile("^([A-Za-z_]+) (String|string|int|Int|List|list) .*$");
    private static final Pattern ERROR = Pattern.compile("^(\\d{5}) (\\S+) (.+) (\\S+)$");
    private static final Pattern SAMPLE = Pattern.compile("^action = \"([A-Za-z]+)\"$");

    private final List<String> lines;

    private CapitalOnlineSeedReader(List<String> lines) {
        this.lines = lines;
    }

    static CapitalOnlineSeedReader openDefault() {
        Path seed = SeedFiles.resolve(SEED_FILE);
        try {
            return new CapitalOnlineSeedReader(Files.readAllLines(seed, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + seed, e);
        }
    }

    String line(int n) {
        return lines.get(n - 1).trim();
    }

    /** Action names of the overview table after {@code API 描述}. */
    List<String> overviewActions() {
        int header = indexOf(1, "API 描述");
        List<String> out = new ArrayList<>();
        for (int n = header + 1; n <= lines.size() && !line(n).isEmpty(); n++) out.add(line(n).split(" ", 2)[0]);
        if (out.isEmpty()) throw new IllegalStateException("empty overview after line " + header);
        return out;
    }

    /** Region -> host of the 访问地址 table. */
    Map<String, String> hosts() {
        int header = indexOf(1, "地区 访问地址");
        Map<String, String> out = new LinkedHashMap<>();
        for (int n = header + 1; n <= lines.size() && !line(n).isEmpty(); n++) {
            String[] c = line(n).split(" ");
            out.put(c[0], c[1]);
        }
        if (out.isEmpty()) throw new IllegalStateException("empty 访问地址 table after line " + header);
        return out;
    }

    List<Section> sections() {
        List<Integer> starts = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            if (SECTION.matcher(line(n)).matches()) starts.add(n);
        }
        if (starts.isEmpty()) throw new IllegalStateException("no action sections (# N.Name) in " + SEED_FILE);
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int first = starts.get(i);
            int last = i + 1 < starts.size() ? starts.get(i + 1) - 1 : lines.size();
            Section section = section(first, last);
            if (i + 1 == starts.size()) {
                // the last section ends with its error table; the page's navigation footer follows
                section = section(first, section.errors().get(section.errors().size() - 1).line());
            }
            out.add(section);
        }
        return out;
    }

    private Section section(int first, int last) {
        Matcher t = SECTION.matcher(line(first));
        if (!t.matches()) throw new IllegalStateException("line " + first + " is not a section heading");
        String heading = null, sample = null, address = null, method = null;
        List<Row> params = new ArrayList<>();
        List<Row> outputs = new ArrayList<>();
        List<ErrorRow> errors = new ArrayList<>();
        String table = "";
        for (int n = first + 1; n <= last; n++) {
            String s = line(n);
            if (s.startsWith("Action:")) heading = s.substring("Action:".length()).trim();
            else if (s.startsWith("请求地址:")) address = s.substring("请求地址:".length()).trim();
            else if (s.startsWith("请求方法:")) method = s.substring("请求方法:".length()).trim();
            else if (s.equals("请求参数:")) table = "params";
            else if (s.equals("返回参数:")) table = "outputs";
            else if (s.equals("错误码:")) table = "errors";
            else if (s.equals("代码调用示例:") || s.equals("返回示例:")) table = "";
            Matcher sm = SAMPLE.matcher(s);
            if (sm.matches()) sample = sm.group(1);
            Matcher m;
            if (table.equals("params") && (m = PARAM.matcher(s)).matches()) {
                params.add(new Row(m.group(1), m.group(2), "是".equals(m.group(3)), n));
            } else if (table.equals("outputs") && (m = OUTPUT.matcher(s)).matches()) {
                outputs.add(new Row(m.group(1), m.group(2), null, n));
            } else if (table.equals("errors") && (m = ERROR.matcher(s)).matches()) {
                errors.add(new ErrorRow(m.group(1), m.group(2), m.group(3), n));
            }
        }
        if (heading == null || address == null || method == null || params.isEmpty() || outputs.isEmpty() || errors.isEmpty()) {
            throw new IllegalStateException("section " + t.group(2) + " (lines " + first + "-" + last + ") incomplete: Action " + heading
                    + ", address " + address + ", method " + method + ", " + params.size() + " params, " + outputs.size()
                    + " outputs, " + errors.size() + " errors");
        }
        return new Section(t.group(2), first, last, heading, sample, address, method, params, outputs, errors);
    }

    private int indexOf(int from, String text) {
        for (int n = from; n <= lines.size(); n++) {
            if (line(n).equals(text)) return n;
        }
        throw new IllegalStateException("'" + text + "' not found after line " + from + " of " + SEED_FILE);
    }
}
