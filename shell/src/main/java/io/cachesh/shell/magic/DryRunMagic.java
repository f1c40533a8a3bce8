package io.cachesh.shell.magic;

import io.cachesh.shell.config.UsageException;

/** {@code %dryrun on|off}: in dry-run mode the DSL prints what it would change instead of changing it. */
public final class DryRunMagic implements Magic {

    @Override
    public String name() {
        return "dryrun";
    }

    @Override
    public String usage() {
        return "%dryrun [on|off]      show or set dry-run mode";
    }

    @Override
    public Object run(String args, MagicContext context) {
        switch (args) {
            case "" -> { }
            case "on", "true" -> context.settings(context.settings().withDryRun(true));
            case "off", "false" -> context.settings(context.settings().withDryRun(false));
            default -> throw new UsageException("usage: %dryrun on|off");
        }
        context.out().println("dry run: " + (context.settings().dryRun() ? "on" : "off"));
        return null;
    }
}
