package io.cachesh.shell.magic;

import io.cachesh.shell.render.TableRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code %who}: the variables the cells bound, with their types and a short value. */
public final class WhoMagic implements Magic {

    @Override
    public String name() {
        return "who";
    }

    @Override
    public String usage() {
        return "%who                  list the session's variables with their types";
    }

    @Override
    public Object run(String args, MagicContext context) {
        Map<String, Object> vars = context.userVariables();
        if (vars.isEmpty()) {
            context.out().println("no variables");
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        vars.forEach((name, value) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("type", type(value));
            row.put("value", summary(value));
            rows.add(row);
        });
        context.out().println(new TableRenderer(context.colour(), 1000).render(rows));
        return null;
    }

    static String type(Object value) {
        if (value == null) return "null";
        Class<?> c = value.getClass();
        if (value instanceof groovy.lang.Closure) return "Closure";
        String name = c.getSimpleName();
        return name.isEmpty() ? c.getName() : name;
    }

    static String summary(Object value) {
        String s;
        if (value instanceof java.util.Collection<?> c) s = c.size() + (c.size() == 1 ? " element" : " elements");
        else if (value instanceof Map<?, ?> m) s = m.size() + (m.size() == 1 ? " entry" : " entries");
        else if (value instanceof groovy.lang.Closure) s = "{ ... }";
        else s = io.cachesh.shell.repl.SecretMasker.mask(String.valueOf(value));
        s = s.replace('\n', ' ');
        return s.length() > 60 ? s.substring(0, 59) + "…" : s;
    }
}
