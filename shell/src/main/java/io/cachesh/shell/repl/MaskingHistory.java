package io.cachesh.shell.repl;

import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/** JLine history that masks secrets ({@link SecretMasker}) before a line is kept or written to the file. */
public final class MaskingHistory extends DefaultHistory {

    @Override
    public void add(Instant time, String line) {
        super.add(time, SecretMasker.mask(line));
    }
}
