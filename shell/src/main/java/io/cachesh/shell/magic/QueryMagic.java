package io.cachesh.shell.magic;

import io.cachesh.shell.render.Query;
import java.util.Optional;

/** {@code %query [<jmespath>|off]}: the JMESPath expression applied to every result before it prints (as --query). */
public final class QueryMagic implements Magic {

    @Override
    public String name() {
        return "query";
    }

    @Override
    public String usage() {
        return "%query [<jmespath>|off]  show, set or clear the query applied to results (as --query)";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.equals("off")) {
            context.settings(context.settings().withQuery(Optional.empty()));
        } else if (!args.isEmpty()) {
            context.settings(context.settings().withQuery(Optional.of(Query.parse(args))));
        }
        context.out().println("query: " + context.settings().query().map(Query::source).orElse("off"));
        return null;
    }
}
