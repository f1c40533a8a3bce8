package io.cachesh.shell.magic;

import io.cachesh.shell.config.OutputFormat;

/** {@code %output table|json|text|tsv}: how results print. */
public final class OutputMagic implements Magic {

    @Override
    public String name() {
        return "output";
    }

    @Override
    public String usage() {
        return "%output [table|json|text|tsv]  show or set how results print";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (!args.isEmpty()) context.settings(context.settings().withOutput(OutputFormat.parse(args)));
        context.out().println("output: " + context.settings().output());
        return null;
    }
}
