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
 * Reads the Tencent CMEM legacy v2 seed ({@code tencent-cmem-memcached-v2.txt}, an HTML-to-text dump with
 * tab-separated tables): the API overview ({@code 接口功能 Action Name 功能描述}), the action pages
 * ({@code 接口名: Name}, {@code 2. 输入参数}, {@code 3. 输出参数}, {@code 4. 示例}) and the numeric error tables
 * ({@code 错误代码 错误类型 描述}). Every lookup fails loudly.
 */
final class TencentCmemSeedReader {

    static final String SEED_FILE = "tencent-cmem-memcached-v2.txt";

    record Row(String name, Boolean required, String type, String doc, int line) {
    }

    record Page(String action, String host, int first, int last, List<Row> inputs, List<Row> outputs, String text) {
    }

    private static final Pattern ACTION = Pattern.compile("^接口名: ([A-Za-z]+)$");
    private static final Pattern HOST = Pattern.compile("^域名: (\\S+)$");
    private static final Pattern ERROR = Pattern.compile("^(\\d{4})\t([^\t]+)\t(.+)$");

    private final List<String> lines;

    private TencentCmemSeedReader(List<String> lines) {
        this.lines = lines;
    }

    static TencentCmemSeedReader openDefault() {
        Path seed = SeedFiles.resolve(SEED_FILE);
        try {
            return new TencentCmemSeedReader(Files.readAllLines(seed, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + seed, e);
        }
    }

    String line(int n) {
        return lines.get(n - 1).trim();
    }

    /** Action names of the overview table. */
    List<String> overviewActions() {
        int header = indexOf(1, "接口功能\tAction Name\t功能描述");
        List<String> actions = new ArrayList<>();
        for (int n = header + 1; n <= lines.size() && !line(n).isEmpty(); n++) {
            String[] cells = line(n).split("\t");
            if (cells.length != 3) throw new IllegalStateException("overview row at line " + n + " has " + cells.length + " cells");
            actions.add(cells[1]);
        }
        if (actions.isEmpty()) throw new IllegalStateException("empty API overview at line " + header);
        return actions;
    }

    /** Action pages: from the page title (the line before 最近更新时间 above 1. 接口描述) to the next page's title. */
    List<Page> pages() {
        List<int[]> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            Matcher m = ACTION.matcher(line(n));
            if (!m.matches()) continue;
            int k = n;
            while (k > 1 && !line(k).startsWith("最近更新时间")) k--;
            int title = k - 1;
            while (title > 1 && line(title).isEmpty()) title--;
            found.add(new int[] {title, n});
            names.add(m.group(1));
        }
        if (found.isEmpty()) throw new IllegalStateException("no action pages (接口名: Name) in " + SEED_FILE);
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            int first = found.get(i)[0];
            int last = i + 1 < found.size() ? found.get(i + 1)[0] - 1 : lines.size();
            int in = indexOf(first, "2. 输入参数");
            int out = indexOf(in, "3. 输出参数");
            int ex = indexOf(out, "4. 示例");
            if (ex > last) throw new IllegalStateException(names.get(i) + ": tables beyond its page " + first + "-" + last);
            String host = null;
            StringBuilder text = new StringBuilder();
            for (int n = first; n <= in; n++) {
                Matcher h = HOST.matcher(line(n));
                if (h.matches()) host = h.group(1);
                text.append(line(n)).append('\n');
            }
            pages.add(new Page(names.get(i), host, first, last, rows(in + 1, out - 1, true), rows(out + 1, ex - 1, false), text.toString()));
        }
        return pages;
    }

    /** Numeric codes of every 错误代码 table, with the first table's 错误类型 and line. */
    Map<String, Integer> errorCodes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            Matcher m = ERROR.matcher(line(n));
            if (m.matches()) codes.putIfAbsent(m.group(1), n);
        }
        if (codes.isEmpty()) throw new IllegalStateException("no error-code rows in " + SEED_FILE);
        return codes;
    }

    private int indexOf(int from, String text) {
        for (int n = from; n <= lines.size(); n++) {
            if (line(n).equals(text)) return n;
        }
        throw new IllegalStateException("'" + text + "' not found after line " + from + " of " + SEED_FILE);
    }

    /** Tab rows {@code name 必选 type doc} (inputs) or {@code name type doc} (outputs), skipping the header row. */
    private List<Row> rows(int from, int to, boolean input) {
        List<Row> rows = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            String s = line(n);
            if (s.isEmpty() || s.startsWith("参数名称")) continue;
            String[] c = s.split("\t");
            if (input && c.length == 4) rows.add(new Row(c[0], "是".equals(c[1]), c[2], c[3], n));
            else if (!input && c.length == 3) rows.add(new Row(c[0], null, c[1], c[2], n));
            else throw new IllegalStateException("unrecognised table row at line " + n + ": " + s);
        }
        return rows;
    }
}
