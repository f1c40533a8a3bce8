package io.cachesh.shell.render;

import io.cachesh.shell.config.OutputFormat;

/** Turns an evaluation result into printable text. {@code null} renders as an empty string. */
public interface ResultRenderer {

    String render(Object value);

    /** The renderer for an output format; {@code colour} only matters for tables. */
    static ResultRenderer of(OutputFormat format, boolean colour) {
        return switch (format) {
            case TABLE -> new TableRenderer(colour, TableRenderer.DEFAULT_MAX_ROWS);
            case JSON -> new JsonRenderer();
            case TEXT -> new TextRenderer();
        };
    }
}
