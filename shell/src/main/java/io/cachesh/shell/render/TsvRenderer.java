package io.cachesh.shell.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tab-separated values for {@code cut}, {@code awk} and {@code while read}: no header, one line per item.
 * A list of records (maps, DSL results) gives one row each with the fields in the order of their JSON form (the union
 * of the rows' keys, so columns line up; a missing field is empty); a list of lists gives one row per inner list; a list
 * of scalars one value per line; a single record one row; a scalar itself. Nested lists and maps inside a cell are
 * compact JSON; tab, newline, carriage return and backslash inside a value are written {@code \t \n \r \\}; null is
 * empty. Secrets are masked as in JSON.
 */
public final class TsvRenderer implements ResultRenderer {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    @Override
    public String render(Object value) {
        if (value == null) return "";
        Object plain = Values.toPlain(value);
        List<String> lines = new ArrayList<>();
        if (plain instanceof List<?> list) {
            List<String> keys = keys(list);
            for (Object item : list) lines.add(row(item, keys));
        } else {
            lines.add(row(plain, plain instanceof Map<?, ?> m ? keys(List.of(m)) : List.of()));
        }
        return String.join("\n", lines);
    }

    /** The union of the keys of the maps in {@code list}, in first-seen order. */
    private static List<String> keys(List<?> list) {
        Set<String> keys = new LinkedHashSet<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        }
        return new ArrayList<>(keys);
    }

    private static String row(Object item, List<String> keys) {
        if (item instanceof Map<?, ?> map) {
            List<String> cells = new ArrayList<>(keys.size());
            for (String k : keys) cells.add(cell(map.get(k)));
            return String.join("\t", cells);
        }
        if (item instanceof List<?> list) {
            List<String> cells = new ArrayList<>(list.size());
            for (Object o : list) cells.add(cell(o));
            return String.join("\t", cells);
        }
        return cell(item);
    }

    static String cell(Object value) {
        if (value == null) return "";
        String text;
        if (value instanceof Map || value instanceof List) {
            try {
                text = COMPACT.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                text = String.valueOf(value);
            }
        } else {
            text = String.valueOf(value);
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
