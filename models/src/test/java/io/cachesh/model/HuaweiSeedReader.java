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
 * Reads the Huawei DCS API reference seeds (PDF/HTML-to-text dumps): every API page ({@code 功能介绍}, {@code URI},
 * parameter tables, response tables, status-code table) and the error code table.
 *
 * <p>Two layouts are understood. The 2025 V2 reference ({@link Layout#V2}) captions its tables {@code 表 5-N 路径参数},
 * {@code Query 参数}, {@code 请求 Body 参数}, {@code 响应 Body 参数} (under {@code 状态码： 200}) or a structure name, with the
 * columns {@code 参数 | 是否必选 | 参数类型 | 描述}; rows come either tab-separated or as Markdown pipes. The 2020 v1.0
 * reference ({@link Layout#V1}) has one URI table ({@code 参数 类型 必选 说明}) for path and query parameters, request
 * tables under {@code 请求消息} and response tables under {@code 响应消息}; PDF line breaks split names
 * ({@code engine_ver sion}) and rows ({@code resource_availa bility} / {@code Dility}), which are rejoined.
 * Every lookup fails loudly (IllegalStateException) when the expected structure is missing.
 */
final class HuaweiSeedReader {

    enum Layout { V2, V1 }

    /** One parameter row. {@code location} is path, query, header or body; {@code typeFamily} a model member type. */
    record Param(String name, String location, boolean required, String type, String typeFamily, int line) {
    }

    /** One API page. {@code response} holds the top-level rows of the 2xx response body table. */
    record Page(String section, String title, int first, int last, String method, String path,
                List<Param> params, List<Param> response, List<Integer> statuses) {
        String where() {
            return section + " " + title + " (" + method + " " + path + ", lines " + first + "-" + last + ")";
        }
    }

    /** One row of the error code table. */
    record ErrorRow(String code, int httpStatus, String message, int line) {
    }

    private static final Pattern FEATURE = Pattern.compile("^#*\\s*功能介绍\\s*$");
    private static final Pattern HEADING = Pattern.compile("^#*\\s*(\\d+\\.\\d+(?:\\.\\d+)?)\\s+(\\S.*)$");
    private static final Pattern URI_LINE = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH)\\s+(/\\S.*)$");
    private static final Pattern CAPTION = Pattern.compile("^表\\s*(\\d+-\\d+)\\s*(.*)$");
    private static final Pattern STATUS = Pattern.compile("^状态码\\s*[：:]\\s*(\\d{3})$");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern VAR = Pattern.compile("\\{([^}]+)}");

    private final String file;
    private final Layout layout;
    private final List<String> lines;

    private HuaweiSeedReader(String file, Layout layout, List<String> lines) {
        this.file = file;
        this.layout = layout;
        this.lines = lines;
    }

    /** The seed {@code <workspace>/shared/seeds/<file>}, the workspace being the parent of the project root. */
    static HuaweiSeedReader openDefault(String file, Layout layout) {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path projectRoot = moduleDir.getParent();
        if (projectRoot == null || projectRoot.getParent() == null) {
            throw new IllegalStateException("cannot locate the seed " + file + " from " + moduleDir);
        }
        Path seed = projectRoot.getParent().resolve("shared").resolve("seeds").resolve(file);
        if (!Files.isRegularFile(seed)) {
            throw new IllegalStateException("seed not found at " + seed + " (resolved from " + moduleDir + ")");
        }
        try {
            return new HuaweiSeedReader(file, layout, Files.readAllLines(seed, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + seed, e);
        }
    }

    String file() {
        return file;
    }

    /** Line {@code n} (1-based), trimmed, with {@code \_} unescaped and bold markers removed. */
    String line(int n) {
        return lines.get(n - 1).replace("\\_", "_").replace("**", "").trim();
    }

    private String raw(int n) {
        return lines.get(n - 1).replace("\\_", "_");
    }

    /** The API pages whose section starts with {@code sectionPrefix} (e.g. "5."), ending before {@code endHeading}. */
    List<Page> pages(String sectionPrefix, Pattern endHeading) {
        int end = -1;
        for (int n = lines.size(); n >= 1; n--) {
            if (endHeading.matcher(line(n)).find()) { end = n - 1; break; }
        }
        if (end < 0) throw new IllegalStateException(file + ": end heading " + endHeading + " not found");
        List<int[]> starts = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            if (!FEATURE.matcher(line(n)).matches()) continue;
            for (int k = n - 1; k >= Math.max(1, n - 5); k--) {
                Matcher m = HEADING.matcher(line(k));
                if (m.matches()) {
                    starts.add(new int[] {k, n});
                    heads.add(new String[] {m.group(1), m.group(2).trim()});
                    break;
                }
            }
        }
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int first = starts.get(i)[0];
            int last = i + 1 < starts.size() ? starts.get(i + 1)[0] - 1 : end;
            if (first > end || !heads.get(i)[0].startsWith(sectionPrefix)) continue;
            last = Math.min(last, end);
            pages.add(layout == Layout.V2 ? pageV2(heads.get(i), first, last, starts.get(i)[1])
                    : pageV1(heads.get(i), first, last, starts.get(i)[1]));
        }
        if (pages.isEmpty()) throw new IllegalStateException(file + ": no API pages for " + sectionPrefix);
        return pages;
    }

    private static String strip(String s) {
        return s.replaceFirst("^#+\\s*", "").trim();
    }

    private static List<String> cells(String raw) {
        String s = raw.trim();
        if (s.startsWith("|")) {
            if (s.matches("^\\|[\\s\\-|:]+\\|$")) return List.of();
            List<String> out = new ArrayList<>();
            for (String c : s.substring(1, s.endsWith("|") ? s.length() - 1 : s.length()).split("\\|", -1)) out.add(c.trim());
            return out;
        }
        if (raw.contains("\t")) {
            List<String> out = new ArrayList<>();
            for (String c : raw.split("\t", -1)) out.add(c.trim());
            return out;
        }
        return null;
    }

    private static String name(String cell) {
        return TAG.matcher(cell).replaceAll("").replace(" ", "").trim();
    }

    /** Seed type to model type family. */
    static String family(String type) {
        String t = TAG.matcher(type.replaceAll("Map<\\s*String\\s*,\\s*String\\s*>", "MAP")).replaceAll(" ")
                .replaceAll("\\s+", " ").trim();
        if (t.equals("MAP")) return "map";
        switch (t.toLowerCase()) {
            case "string": return "string";
            case "integer": case "long": case "int": return "integer";
            case "float": case "double": case "doubule": case "number": return "float";
            case "boolean": return "boolean";
            case "object": return "any";
            case "array": return "list";
            case "json": return "structure|any";
            default:
        }
        if (t.startsWith("Array of ")) return "list";
        if (t.endsWith(" object")) return "structure";
        throw new IllegalStateException("unknown seed type '" + type + "'");
    }

    private Page pageV2(String[] head, int first, int last, int feature) {
        String method = null;
        String path = null;
        List<Param> params = new ArrayList<>();
        List<Param> response = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        String phase = "intro";
        Integer status = null;
        for (int n = feature + 1; n <= last; n++) {
            String h = strip(line(n));
            if (h.equals("URI") && path == null) {
                int k = n + 1;
                while (line(k).isEmpty()) k++;
                String u = line(k);
                // a URI wrapped after a '/': the next line is a placeholder or a literal segment (5.10.3's
                // ".../password/" + "modify", seed l.30533-30534)
                if (u.endsWith("/") && (line(k + 1).startsWith("{") || line(k + 1).matches("[a-z][a-z0-9_-]*"))) {
                    u = u + line(k + 1);
                }
                Matcher m = URI_LINE.matcher(u);
                if (!m.matches()) throw new IllegalStateException(file + ":" + k + ": no METHOD /path after URI in " + head[0]);
                method = m.group(1);
                path = m.group(2).replaceAll("\\s+", "");
                continue;
            }
            if (h.equals("请求参数")) { phase = "request"; continue; }
            if (h.equals("响应参数")) { phase = "response"; continue; }
            if (h.startsWith("请求示例") || h.startsWith("响应示例") || h.startsWith("SDK")) { phase = "examples"; continue; }
            if (h.equals("状态码") && phase.equals("examples")) { phase = "status"; continue; }
            Matcher sm = STATUS.matcher(h);
            if (sm.matches()) { status = Integer.parseInt(sm.group(1)); continue; }
            if (phase.equals("status")) {
                List<String> c = cells(raw(n));
                if (c != null && !c.isEmpty() && c.get(0).matches("\\d{3}")) statuses.add(Integer.parseInt(c.get(0)));
                continue;
            }
            Matcher cm = CAPTION.matcher(h);
            if (!cm.matches()) continue;
            String caption = cm.group(2).replace(" ", "");
            String location = switch (caption) {
                case "路径参数" -> "path";
                case "Query参数" -> "query";
                case "请求Header参数" -> "header";
                case "请求Body参数" -> "body";
                default -> null;
            };
            boolean topResponse = phase.equals("response") && caption.equals("响应Body参数") && status != null
                    && status >= 200 && status < 300;
            if (location == null && !topResponse) continue;
            boolean seenHeader = false;
            int k = n + 1;
            for (; k <= last; k++) {
                String s = line(k);
                if (s.isEmpty()) continue;
                List<String> c = cells(raw(k));
                if (c == null) break;
                if (c.isEmpty()) continue;
                if (c.get(0).equals("参数")) { seenHeader = true; continue; }
                if (!seenHeader) break;
                if (location != null) {
                    if (c.size() != 4 || !(c.get(1).equals("是") || c.get(1).equals("否"))) {
                        throw new IllegalStateException(file + ":" + k + ": bad parameter row in " + head[0] + ": " + c);
                    }
                    params.add(new Param(name(c.get(0)), location, c.get(1).equals("是"), c.get(2), family(c.get(2)), k));
                } else {
                    if (c.size() != 3) throw new IllegalStateException(file + ":" + k + ": bad response row in " + head[0] + ": " + c);
                    response.add(new Param(name(c.get(0)), "body", false, c.get(1), family(c.get(1)), k));
                }
            }
            n = k - 1;
        }
        if (path == null) throw new IllegalStateException(file + ": page " + head[0] + " (line " + first + ") has no URI");
        if (statuses.isEmpty()) throw new IllegalStateException(file + ": page " + head[0] + " has no status code table");
        return new Page(head[0], head[1], first, last, method, path, params, response, statuses);
    }

    private Page pageV1(String[] head, int first, int last, int feature) {
        String method = null;
        String path = null;
        Set<String> vars = Set.of();
        List<Param> params = new ArrayList<>();
        List<Param> response = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        String phase = "uri";
        boolean requestTopSeen = false;
        boolean responseTopSeen = false;
        for (int n = feature + 1; n <= last; n++) {
            String h = strip(line(n));
            Matcher um = URI_LINE.matcher(h);
            if (um.matches() && path == null && h.contains("/v1.0/")) {
                method = um.group(1);
                path = um.group(2).replaceAll("\\s+参数说明.*$", "").replaceAll("\\s+", "");
                path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
                java.util.Set<String> v = new java.util.HashSet<>();
                Matcher vm = VAR.matcher(path);
                while (vm.find()) v.add(vm.group(1));
                vars = v;
                continue;
            }
            if (h.equals("请求消息")) { phase = "request"; continue; }
            if (h.equals("响应消息")) { phase = "response"; continue; }
            if (h.equals("状态码")) { phase = "status"; continue; }
            Matcher cm = CAPTION.matcher(h);
            if (!cm.matches()) continue;
            List<List<String>> rows = new ArrayList<>();
            List<Integer> rowLines = new ArrayList<>();
            String header = null;
            int k = n + 1;
            for (; k <= last; k++) {
                String r = raw(k);
                if (r.trim().isEmpty()) continue;
                if (!r.contains("\t")) break;
                List<String> c = cells(r);
                String c0 = c.get(0);
                if (Set.of("参数", "状态码", "字段", "名称", "错误码").contains(c0) || c0.replace(" ", "").equals("参数ID")) {
                    header = c0.replace(" ", "");
                    continue;
                }
                boolean continuation = c0.isEmpty() || (c.size() >= 3 && c.get(1).isEmpty());
                if (continuation && !rows.isEmpty()) continue;
                rows.add(c);
                rowLines.add(k);
            }
            n = k - 1;
            if (header == null) throw new IllegalStateException(file + ":" + n + ": table without header in " + head[0]);
            if (phase.equals("status") || header.equals("状态码")) {
                for (List<String> c : rows) if (c.get(0).matches("\\d{3}")) statuses.add(Integer.parseInt(c.get(0)));
                continue;
            }
            if (!header.equals("参数") && !header.equals("字段")) continue;
            boolean top = switch (phase) {
                case "uri" -> true;
                case "request" -> !requestTopSeen;
                case "response" -> !responseTopSeen;
                default -> false;
            };
            if (phase.equals("request")) requestTopSeen = true;
            if (phase.equals("response")) responseTopSeen = true;
            if (!top) continue;
            for (int i = 0; i < rows.size(); i++) {
                List<String> c = rows.get(i);
                String nm = name(c.get(0));
                if (phase.equals("response")) {
                    if (c.size() < 3) throw new IllegalStateException(file + ":" + rowLines.get(i) + ": bad response row " + c);
                    response.add(new Param(nm, "body", false, c.get(1), family(c.get(1).replace(" ", "")), rowLines.get(i)));
                } else {
                    if (c.size() < 4 || !(c.get(2).equals("是") || c.get(2).equals("否"))) {
                        throw new IllegalStateException(file + ":" + rowLines.get(i) + ": bad parameter row " + c + " in " + head[0]);
                    }
                    String loc = phase.equals("request") ? "body" : vars.contains(nm) ? "path" : "query";
                    params.add(new Param(nm, loc, c.get(2).equals("是"), c.get(1), family(c.get(1).replace(" ", "")), rowLines.get(i)));
                }
            }
        }
        if (path == null) throw new IllegalStateException(file + ": page " + head[0] + " (line " + first + ") has no URI");
        return new Page(head[0], head[1], first, last, method, path, params, response, statuses);
    }

    /** Rows {@code 状态码 | 错误码 | 错误信息 | ...} after the heading matching {@code heading} (the last such heading). */
    Map<String, ErrorRow> errorTable(Pattern heading, Pattern endHeading) {
        int start = -1;
        for (int n = lines.size(); n >= 1; n--) {
            if (heading.matcher(line(n)).find()) { start = n; break; }
        }
        if (start < 0) throw new IllegalStateException(file + ": error code heading " + heading + " not found");
        Map<String, ErrorRow> out = new LinkedHashMap<>();
        for (int n = start + 1; n <= lines.size(); n++) {
            if (endHeading.matcher(line(n)).find()) break;
            List<String> c = cells(raw(n));
            if (c == null || c.size() < 3) continue;
            if (c.get(0).matches("\\d{3}") && c.get(1).matches("[0-9A-Za-z.]+")) {
                out.put(c.get(1), new ErrorRow(c.get(1), Integer.parseInt(c.get(0)), c.get(2), n));
            }
        }
        if (out.isEmpty()) throw new IllegalStateException(file + ": empty error code table after line " + start);
        return out;
    }
}
