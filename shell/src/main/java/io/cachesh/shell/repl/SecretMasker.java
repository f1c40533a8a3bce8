package io.cachesh.shell.repl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secret argument values in source text before it is stored anywhere (history file, {@code In[n]}):
 * the value of any named argument, map entry or assignment whose name contains {@code secret},
 * {@code password}, {@code passwd} or {@code token}, or is {@code sk}, becomes {@code '******'}, as does the
 * second argument of {@code Credentials.of(id, secret)}.
 */
public final class SecretMasker {

    public static final String MASK = "******";

    private static final String VALUE = "('(?:[^'\\\\\\n]|\\\\.)*'?|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|[^\\s,)\\]}]+)";
    private static final Pattern NAMED = Pattern.compile(
            // "password x, ..." is the password verb (its first argument names the instance), not a named secret
            "(?i)(?!password\\s+[^:=\\s])(\\b[\\w-]*(?:secret|password|passwd|token)[\\w-]*|\\bsk|\\bSecretKey)(['\"]?\\s*(?::|=|\\s)\\s*)" + VALUE);
    private static final Pattern CREDENTIALS_OF = Pattern.compile(
            "(Credentials\\s*\\.\\s*of\\s*\\(\\s*" + VALUE + "\\s*,\\s*)" + VALUE);

    /** The {@code password} verb: its old and new passwords, named ({@code old:}, {@code new:}) or positional. */
    private static final Pattern PASSWORD_VERB = Pattern.compile("\\bpassword\\s*[(\\s]");
    private static final Pattern OLD_NEW = Pattern.compile("(\\b(?:old|new)\\b)(\\s*:\\s*)" + VALUE);
    private static final Pattern POSITIONAL = Pattern.compile(
            "(\\bpassword\\s*\\(?\\s*" + VALUE + "\\s*,\\s*)(?![\\w-]+\\s*:)" + VALUE);

    private SecretMasker() {
    }

    public static String mask(String source) {
        if (source == null) return null;
        String masked = replace(NAMED.matcher(source), 1, 2);
        if (PASSWORD_VERB.matcher(masked).find()) {
            masked = replace(OLD_NEW.matcher(masked), 1, 2);
            masked = replace(POSITIONAL.matcher(masked), 1, -1);
        }
        return replace(CREDENTIALS_OF.matcher(masked), 1, -1);
    }

    private static String replace(Matcher m, int keep1, int keep2) {
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(m.groupCount());
            String masked = value.startsWith("\"") ? "\"" + MASK + "\"" : "'" + MASK + "'";
            String kept = m.group(keep1) + (keep2 > 0 ? m.group(keep2) : "");
            m.appendReplacement(sb, Matcher.quoteReplacement(kept + masked));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
