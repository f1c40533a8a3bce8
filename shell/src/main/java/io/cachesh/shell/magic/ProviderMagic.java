package io.cachesh.shell.magic;

import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.UsageException;

/** {@code %provider [name]}: shows or switches the default provider. */
public final class ProviderMagic implements Magic {

    @Override
    public String name() {
        return "provider";
    }

    @Override
    public String usage() {
        return "%provider [name]      show or set the default provider";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.isEmpty()) {
            context.out().println("provider: " + context.settings().provider());
            return null;
        }
        if (!context.vocabulary().providers().contains(args)) {
            throw new UsageException("unknown provider '" + args + "' (known: " + String.join(", ", context.vocabulary().providers()) + ")");
        }
        if (!context.emulator().map(e -> e.canServe(args)).orElse(true)) throw new UsageException(Sessions.notConfigured(args));
        context.settings(context.settings().withProvider(args));
        context.out().println("provider: " + args);
        return null;
    }
}
