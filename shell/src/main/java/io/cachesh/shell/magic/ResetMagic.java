package io.cachesh.shell.magic;

/** {@code %reset}: forgets the variables, {@code In}, {@code Out} and {@code _}; the session and its connection stay. */
public final class ResetMagic implements Magic {

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String usage() {
        return "%reset                forget variables, In and Out (the connection stays)";
    }

    @Override
    public Object run(String args, MagicContext context) {
        int n = context.userVariables().size();
        context.reset();
        context.out().println("reset: " + n + (n == 1 ? " variable" : " variables") + " and the cell history cleared");
        return null;
    }
}
