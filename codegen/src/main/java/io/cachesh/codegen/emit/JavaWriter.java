package io.cachesh.codegen.emit;

import java.util.List;

/** Builds Java source text line by line with four-space indentation. */
public final class JavaWriter {

    private final StringBuilder out = new StringBuilder();
    private int indent;

    /** One line at the current indentation; an empty argument gives an empty line. */
    public JavaWriter line(String text) {
        if (!text.isEmpty()) out.append("    ".repeat(indent)).append(text);
        out.append('\n');
        return this;
    }

    public JavaWriter blank() {
        return line("");
    }

    /** {@code header {} and indents what follows. */
    public JavaWriter open(String header) {
        line(header + " {");
        indent++;
        return this;
    }

    /** Closes the innermost block. */
    public JavaWriter close() {
        return close("}");
    }

    /** Closes the innermost block with a custom closing line, e.g. {@code "});"}. */
    public JavaWriter close(String closing) {
        if (indent == 0) throw new IllegalStateException("close without open");
        indent--;
        return line(closing);
    }

    /** A Javadoc comment; each paragraph is one already-escaped line. Nothing when there are no lines. */
    public JavaWriter javadoc(List<String> lines) {
        if (lines.isEmpty()) return this;
        if (lines.size() == 1 && !lines.get(0).contains("\n")) return line("/** " + lines.get(0) + " */");
        line("/**");
        for (String paragraph : lines) {
            for (String l : paragraph.split("\n", -1)) line(l.isEmpty() ? " *" : " * " + l);
        }
        return line(" */");
    }

    @Override
    public String toString() {
        if (indent != 0) throw new IllegalStateException("unclosed blocks: " + indent);
        return out.toString();
    }
}
