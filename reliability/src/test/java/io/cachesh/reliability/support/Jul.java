package io.cachesh.reliability.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures every java.util.logging record (System.Logger goes there too), with its message and thrown chain. */
public final class Jul extends Handler implements AutoCloseable {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level previous;

    public Jul() {
        Logger root = Logger.getLogger("");
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        StringBuilder sb = new StringBuilder(r.getLoggerName() + " " + r.getLevel() + " " + r.getMessage());
        if (r.getParameters() != null) for (Object p : r.getParameters()) sb.append(" | ").append(p);
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) sb.append(" | thrown: ").append(t);
        lines.add(sb.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger root = Logger.getLogger("");
        root.removeHandler(this);
        root.setLevel(previous);
    }
}
