package io.cachesh.shell.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Renders results as aligned text tables: a list of results or maps becomes one row each (instances with the
 * columns id, name, spec, capacity, status, host:port, region), a single result a one-row table, a plain map
 * a key/value listing, a list of scalars {@code [a, b]}. Long lists stop after {@code maxRows} with
 * "… N more". With colour on, headers are bold and statuses coloured (ANSI through JLine's
 * {@link AttributedString}); with colour off the output is plain text without trailing spaces.
 */
public final class TableRenderer implements ResultRenderer {

    public static final int DEFAULT_MAX_ROWS = 50;
    static final int MAX_CELL_WIDTH = 60;
    static final int MAX_COLUMNS = 8;
    private static final String GAP = "  ";
    private static final ObjectMapper COMPACT = new ObjectMapper();
    /** Vendor detail of DSL results: in JSON output, not in tables. */
    private static final List<String> HIDDEN_RESULT_KEYS = List.of("vendor", "rawStatus");

    private final boolean colour;
    private final int maxRows;

    public TableRenderer(boolean colour, int maxRows) {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows < 1: " + maxRows);
        this.colour = colour;
        this.maxRows = maxRows;
    }

    /** A column: its header and how to read its cell from a row. */
    record Column(String header, Function<Map<String, Object>, Object> cell) {
    }

    @Override
    public String render(Object value) {
        if (value == null) return "";
        Optional<Map<?, ?>> result = Values.resultMap(value);
        if (result.isPresent()) return table(List.of(value));
        Object plain = Values.toPlain(value);
        if (plain instanceof List<?> list) {
            if (list.isEmpty()) return "[]";
            if (list.stream().anyMatch(o -> o instanceof Map) && !(value instanceof String)) {
                return table(asList(value, list));
            }
            return scalars(asList(value, list));
        }
        if (plain instanceof Map<?, ?> map) return keyValues(map);
        return String.valueOf(plain);
    }

    private static List<?> asList(Object original, List<?> plain) {
        if (original instanceof List<?> l) return l;
        if (original instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEach(out::add);
            return out;
        }
        return plain;
    }

    private String scalars(List<?> list) {
        StringBuilder sb = new StringBuilder("[");
        int n = Math.min(list.size(), maxRows);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            sb.append(InvokerHelper.toString(list.get(i)));
        }
        if (list.size() > n) sb.append(", … ").append(list.size() - n).append(" more");
        return sb.append(']').toString();
    }

    @SuppressWarnings("unchecked")
    private String table(List<?> items) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object item : items) {
            Object plain = Values.toPlain(item);
            Map<String, Object> row = plain instanceof Map<?, ?> m
                    ? new java.util.LinkedHashMap<>((Map<String, Object>) m) : Map.of("value", plain == null ? "" : plain);
            if (Values.resultMap(item).isPresent()) HIDDEN_RESULT_KEYS.forEach(row::remove);
            rows.add(row);
        }
        Object first = items.get(0);
        List<Column> columns = first != null && "Instance".equals(first.getClass().getSimpleName())
                ? instanceColumns() : genericColumns(rows);
        int hiddenColumns = Math.max(0, columns.size() - MAX_COLUMNS);
        if (hiddenColumns > 0) columns = columns.subList(0, MAX_COLUMNS);
        int shown = Math.min(rows.size(), maxRows);
        List<String[]> cells = new ArrayList<>();
        for (int r = 0; r < shown; r++) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) line[c] = cellText(columns.get(c).cell().apply(rows.get(r)));
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = width(columns.get(c).header());
            for (String[] line : cells) widths[c] = Math.max(widths[c], width(line[c]));
        }
        AttributedStringBuilder sb = new AttributedStringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            appendCell(sb, columns.get(c).header(), widths[c], c == columns.size() - 1, AttributedStyle.BOLD);
        }
        int statusColumn = -1;
        for (int c = 0; c < columns.size(); c++) if (columns.get(c).header().equalsIgnoreCase("status")) statusColumn = c;
        for (String[] line : cells) {
            sb.append('\n');
            for (int c = 0; c < line.length; c++) {
                AttributedStyle style = c == statusColumn ? statusStyle(line[c]) : AttributedStyle.DEFAULT;
                appendCell(sb, line[c], widths[c], c == line.length - 1, style);
            }
        }
        if (rows.size() > shown) {
            sb.append('\n');
            sb.styled(AttributedStyle.DEFAULT.faint(), "… " + (rows.size() - shown) + " more");
        }
        if (hiddenColumns > 0) {
            sb.append('\n');
            sb.styled(AttributedStyle.DEFAULT.faint(), "… " + hiddenColumns + " more columns (json output shows all)");
        }
        return finish(sb);
    }

    private String keyValues(Map<?, ?> map) {
        if (map.isEmpty()) return "[:]";
        Map<Object, Object> scalars = new java.util.LinkedHashMap<>();
        Map<Object, List<?>> tables = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(o -> o instanceof Map)) {
                tables.put(k, l);
            } else {
                scalars.put(k, v);
            }
        });
        if (tables.isEmpty()) return listing(map);
        StringBuilder sb = new StringBuilder(scalars.isEmpty() ? "" : listing(scalars));
        tables.forEach((k, rows) -> {
            if (sb.length() > 0) sb.append("\n");
            String title = k + " (" + rows.size() + "):";
            sb.append(colour ? new AttributedString(title, AttributedStyle.BOLD).toAnsi() : title).append('\n');
            sb.append(table(rows).lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse(""));
        });
        return sb.toString();
    }

    private String listing(Map<?, ?> map) {
        int keyWidth = 0;
        for (Object k : map.keySet()) keyWidth = Math.max(keyWidth, width(String.valueOf(k)));
        AttributedStringBuilder sb = new AttributedStringBuilder();
        int n = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (n == maxRows) {
                sb.append('\n').styled(AttributedStyle.DEFAULT.faint(), "… " + (map.size() - n) + " more");
                break;
            }
            if (n++ > 0) sb.append('\n');
            appendCell(sb, String.valueOf(e.getKey()), keyWidth, false, AttributedStyle.BOLD);
            String text = cellText(e.getValue());
            AttributedStyle style = "status".equalsIgnoreCase(String.valueOf(e.getKey())) ? statusStyle(text) : AttributedStyle.DEFAULT;
            appendCell(sb, text, 0, true, style);
        }
        return finish(sb);
    }

    private void appendCell(AttributedStringBuilder sb, String text, int width, boolean last, AttributedStyle style) {
        sb.styled(style, text);
        if (!last) sb.append(" ".repeat(Math.max(0, width - width(text)))).append(GAP);
    }

    private String finish(AttributedStringBuilder sb) {
        AttributedString s = sb.toAttributedString();
        String text = colour ? s.toAnsi() : s.toString();
        return text.lines().map(TableRenderer::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String stripTrailing(String line) {
        return line.replaceAll("[ ]+$", "");
    }

    private static AttributedStyle statusStyle(String status) {
        String s = status.toLowerCase(Locale.ROOT);
        if (s.equals("running") || s.equals("online") || s.equals("succeeded") || s.equals("success") || s.equals("ok")) {
            return AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
        }
        if (s.contains("fail") || s.contains("error") || s.equals("isolated") || s.equals("deleted") || s.equals("offline")) {
            return AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
        }
        return AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    }

    private static int width(String s) {
        return new AttributedString(s).columnLength();
    }

    static String cellText(Object value) {
        String text;
        if (value == null) {
            text = "";
        } else if (value instanceof Map || value instanceof List) {
            try {
                text = COMPACT.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                text = value.toString();
            }
        } else {
            text = value.toString();
        }
        text = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return text.length() > MAX_CELL_WIDTH ? text.substring(0, MAX_CELL_WIDTH - 1) + "…" : text;
    }

    private static List<Column> genericColumns(List<Map<String, Object>> rows) {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) keys.addAll(row.keySet());
        List<Column> columns = new ArrayList<>();
        for (String k : keys) columns.add(new Column(k, row -> row.get(k)));
        return columns;
    }

    /** id, name, spec, capacity, status, host:port, region, reading the DSL's and the vendors' key spellings. */
    static List<Column> instanceColumns() {
        return List.of(
                new Column("id", row -> first(row, "id", "instanceId", "InstanceId")),
                new Column("name", row -> first(row, "name", "instanceName", "InstanceName")),
                new Column("spec", row -> first(row, "spec")),
                new Column("capacity", row -> first(row, "capacity", "capacityGb", "capacityGB", "size")),
                new Column("status", row -> first(row, "status", "Status")),
                new Column("host:port", TableRenderer::hostPort),
                new Column("region", row -> first(row, "region", "Region")));
    }

    private static Object hostPort(Map<String, Object> row) {
        Object joined = first(row, "hostPort", "address", "endpoint");
        if (joined != null) return joined;
        Object host = first(row, "host", "ip", "wanIp", "WanIp", "vip");
        Object port = first(row, "port", "Port");
        if (host == null && port == null) return null;
        return (host == null ? "" : host) + ":" + (port == null ? "" : port);
    }

    private static Object first(Map<String, Object> row, String... keys) {
        for (String k : keys) {
            Object v = row.get(k);
            if (v != null) return v;
        }
        return null;
    }
}
