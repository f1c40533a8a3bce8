package io.cachesh.dsl;

import io.cachesh.client.auth.Secret;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Strong random passwords for {@code create} without {@code password:}. One alphabet satisfies every vendor rule
 * the DSL meets: 20 characters (Tencent 8-64, Huawei v2 8-64, Huawei v1 8-32), at least one lower-case letter,
 * upper-case letter, digit and symbol (Tencent needs 2 of the 4 classes, Huawei 3), symbols from {@code !@#^*()-_}
 * only (in Tencent's, Huawei's and the legacy Tencent API's sets alike), never starting with {@code /}. Ambiguous
 * characters (0/O, 1/l/I) are left out, for anyone who copies it from {@code password} output of their own.
 */
public final class Passwords {

    static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String DIGITS = "23456789";
    static final String SYMBOLS = "!@#^*()-_";
    static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A new random password (never logged; the caller keeps it only in the session). */
    public static Secret generate() {
        List<Character> chars = new ArrayList<>(LENGTH);
        chars.add(pick(LOWER));
        chars.add(pick(UPPER));
        chars.add(pick(DIGITS));
        chars.add(pick(SYMBOLS));
        String all = LOWER + UPPER + DIGITS + SYMBOLS;
        while (chars.size() < LENGTH) chars.add(pick(all));
        Collections.shuffle(chars, RANDOM);
        // a letter first: no vendor objects to it, and some (Tencent) refuse a leading '/'
        if (!Character.isLetter(chars.get(0))) {
            for (int i = 1; i < chars.size(); i++) {
                if (Character.isLetter(chars.get(i))) {
                    Collections.swap(chars, 0, i);
                    break;
                }
            }
        }
        StringBuilder sb = new StringBuilder(LENGTH);
        chars.forEach(sb::append);
        return Secret.of(sb.toString());
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
}
