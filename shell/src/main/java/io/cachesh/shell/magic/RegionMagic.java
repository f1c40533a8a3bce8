package io.cachesh.shell.magic;

import io.cachesh.shell.config.UsageException;
import java.util.List;

/** {@code %region [id]}: shows or switches the region. */
public final class RegionMagic implements Magic {

    @Override
    public String name() {
        return "region";
    }

    @Override
    public String usage() {
        return "%region [id]          show or set the region";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.isEmpty()) {
            context.out().println("region: " + context.settings().region());
            return null;
        }
        List<String> known = context.vocabulary().regions();
        if (!args.matches("[a-z0-9-]+")) throw new UsageException("invalid region id '" + args + "'");
        if (!known.isEmpty() && !known.contains(args)) {
            context.out().println("warning: region " + args + " is not in the model (known: " + String.join(", ", known) + ")");
        }
        context.settings(context.settings().withRegion(args));
        context.out().println("region: " + args);
        return null;
    }
}
