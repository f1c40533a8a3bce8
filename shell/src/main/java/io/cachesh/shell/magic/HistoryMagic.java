package io.cachesh.shell.magic;

import io.cachesh.shell.repl.SecretMasker;
import java.util.Map;

/** {@code %history}: lists this session's cells, numbered, secrets masked. */
public final class HistoryMagic implements Magic {

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String usage() {
        return "%history              list this session's cells";
    }

    @Override
    public Object run(String args, MagicContext context) {
        for (Map.Entry<Integer, String> e : context.inputs().entrySet()) {
            String[] lines = SecretMasker.mask(e.getValue()).split("\n", -1);
            String number = String.format("%3d: ", e.getKey());
            context.out().println(number + lines[0]);
            for (int i = 1; i < lines.length; i++) context.out().println("     " + lines[i]);
        }
        return null;
    }
}
