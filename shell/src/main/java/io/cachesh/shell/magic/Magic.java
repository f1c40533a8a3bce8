package io.cachesh.shell.magic;

/** A REPL command line starting with {@code %}: {@code %region ap-guangzhou}. */
public interface Magic {

    /** The name without {@code %}. */
    String name();

    /** One line: arguments and what it does. */
    String usage();

    /** Runs with the text after the name (trimmed, maybe empty); a non-null result becomes the cell's Out. */
    Object run(String args, MagicContext context);
}
