package io.cachesh.shell.render;

/** {@code toString()} of the result, one element per line for collections; nothing for {@code null}. */
public final class TextRenderer implements ResultRenderer {

    @Override
    public String render(Object value) {
        if (value == null) return "";
        Object plain = Values.toPlain(value);
        if (plain instanceof java.util.List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (sb.length() > 0) sb.append('\n');
                sb.append(o);
            }
            return sb.toString();
        }
        return String.valueOf(plain);
    }
}
