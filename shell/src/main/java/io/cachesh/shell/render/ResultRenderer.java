package io.cachesh.shell.render;

import io.cachesh.shell.config.OutputFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an evaluation result into printable text. {@code null} renders as an empty string. Every front end (the REPL,
 * {@code -e}, {@code run}, raw calls, the kernel) prints results through {@link #render(Object, OutputFormat, Optional)}
 * so {@code --output} and {@code --query} mean the same everywhere (docs/output.md).
 */
public interface ResultRenderer {

    String render(Object value);

    /** The renderer for an output format; {@code colour} only matters for tables. */
    static ResultRenderer of(OutputFormat format, boolean colour) {
        return switch (format) {
            case TABLE -> new TableRenderer(colour, TableRenderer.DEFAULT_MAX_ROWS);
            case JSON -> new JsonRenderer();
            case TEXT -> new TextRenderer();
            case TSV -> new TsvRenderer();
        };
    }

    /** {@link #render(Object, OutputFormat, Optional, boolean)} without colour. */
    static String render(Object result, OutputFormat format, Optional<Query> query) {
        return render(result, format, query, false);
    }

    /**
     * The result (or, with a query, the part of its JSON form the query selects) in {@code format}. A query that
     * selects nothing prints {@code null} in JSON and nothing otherwise; a null result prints nothing.
     *
     * @throws io.cachesh.shell.config.UsageException when the query fails on this result (a type error in a function)
     */
    static String render(Object result, OutputFormat format, Optional<Query> query, boolean colour) {
        Objects.requireNonNull(format, "format == null");
        if (result == null) return "";
        if (query != null && query.isPresent()) {
            Object selected = query.get().apply(result);
            if (selected == null) return format == OutputFormat.JSON ? "null" : "";
            return of(format, colour).render(selected);
        }
        return of(format, colour).render(result);
    }
}
