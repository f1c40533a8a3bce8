package io.cachesh.shell.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An INI file as tccli, the AWS CLI and KooCLI keep profiles: {@code [default]}, {@code [profile prod]} (or
 * {@code [prod]}) sections of {@code key = value} lines, {@code #} and {@code ;} comments (also after a value, following
 * white space). Edits keep every other line
 * (comments, other profiles) as it was. Lines before the first section belong to {@code default}: that is how the
 * earlier properties-style {@code ~/.cachesh/credentials} ({@code tencent.secretId=...}) still reads; {@code :} is
 * accepted as a separator for the same reason.
 */
public final class IniFile {

    public static final String DEFAULT = "default";
    private static final java.util.regex.Pattern INLINE_COMMENT = java.util.regex.Pattern.compile("\\s+[#;].*$");

    /** One line: a section header, an entry, or anything else kept verbatim (comments, blank lines). */
    private record Line(String section, String key, String value, String text) {
        boolean isEntry() {
            return key != null;
        }
    }

    private final String displayName;
    private final List<Line> lines = new ArrayList<>();
    private boolean prefixHeaders = true;

    private IniFile(String displayName) {
        this.displayName = displayName;
    }

    /** An empty file. */
    public static IniFile empty(String displayName) {
        return new IniFile(displayName);
    }

    /**
     * Parses text; {@code canonicalKey} maps key spellings (old ones) to the current ones.
     *
     * @throws UsageException for a line that is neither a section, an entry nor a comment, naming the file and line
     */
    public static IniFile parse(String text, String displayName, UnaryOperator<String> canonicalKey) {
        return parse(text, displayName, canonicalKey, false);
    }

    /**
     * Parses text; with {@code secretLines} a bad entry line is not quoted in the error (it may hold a secret).
     *
     * @throws UsageException for a line that is neither a section, an entry nor a comment, naming the file and line
     */
    public static IniFile parse(String text, String displayName, UnaryOperator<String> canonicalKey, boolean secretLines) {
        IniFile ini = new IniFile(displayName);
        String section = null;
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("!")) {
                ini.lines.add(new Line(section, null, null, raw));
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw malformed(displayName, n, "an unclosed or empty section header " + quote(line));
                }
                section = sectionName(line.substring(1, line.length() - 1));
                if (section.isEmpty() || !validName(section)) {
                    throw malformed(displayName, n, "a bad profile name " + quote(line));
                }
                ini.lines.add(new Line(section, null, null, raw));
                continue;
            }
            int eq = separator(line);
            if (eq <= 0) throw malformed(displayName, n, secretLines ? "no '='" : "no '=' in " + quote(line));
            String key = line.substring(0, eq).strip();
            // a comment may follow a value after white space, as in Python's configparser with inline prefixes
            String value = INLINE_COMMENT.matcher(line.substring(eq + 1)).replaceFirst("").strip();
            String canonical = canonicalKey.apply(key);
            // an untouched line is written back as it was (its comment too); an old key spelling is rewritten
            ini.lines.add(new Line(section == null ? DEFAULT : section, canonical, value,
                    canonical.equals(key) ? raw : canonical + " = " + value));
        }
        // a trailing newline leaves one empty line: render() adds it back
        if (!ini.lines.isEmpty() && ini.lines.get(ini.lines.size() - 1).text().isEmpty()
                && !ini.lines.get(ini.lines.size() - 1).isEntry()) {
            ini.lines.remove(ini.lines.size() - 1);
        }
        return ini;
    }

    private static UsageException malformed(String file, int line, String what) {
        return new UsageException(file + " line " + line + " has " + what
                + ": write key = value under [default] or [profile <name>], or run cachesh configure to rewrite it");
    }

    private static String quote(String s) {
        return "'" + (s.length() > 40 ? s.substring(0, 39) + "…" : s) + "'";
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) return colon;
        if (colon < 0) return eq;
        return Math.min(eq, colon);
    }

    /** {@code profile prod}, {@code prod} and {@code  prod } all name {@code prod}. */
    static String sectionName(String header) {
        String s = header.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("profile ")) s = s.substring("profile ".length()).strip();
        return s;
    }

    /** Profile names: letters, digits, {@code - _ .}, at most 64. */
    public static boolean validName(String name) {
        return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }

    public String displayName() {
        return displayName;
    }

    /** The profiles that have a section or (default) entries, in file order. */
    public Set<String> profiles() {
        Set<String> names = new LinkedHashSet<>();
        for (Line l : lines) {
            if (l.section() != null && (l.isEntry() || isHeader(l))) {
                names.add(l.section());
            }
        }
        return names;
    }

    private static boolean isHeader(Line l) {
        String t = l.text().strip();
        return t.startsWith("[");
    }

    public boolean hasProfile(String profile) {
        return profiles().contains(profile);
    }

    /** The entries of one profile (the last one wins when a key repeats). */
    public Map<String, String> entries(String profile) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Line l : lines) if (l.isEntry() && l.section().equals(profile)) out.put(l.key(), l.value());
        return out;
    }

    public Optional<String> get(String profile, String key) {
        return Optional.ofNullable(entries(profile).get(key));
    }

    /** Sets (or with a null value removes) one entry, adding the profile's section when it has none. */
    public void set(String profile, String key, String value) {
        if (!validName(profile)) throw new UsageException("bad profile name '" + profile + "': use letters, digits, - _ .");
        if (value != null && (value.contains("\n") || value.contains("\r"))) {
            throw new UsageException(key + ": a value cannot span lines");
        }
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.isEntry() && l.section().equals(profile) && l.key().equals(key)) last = i;
        }
        if (last >= 0) {
            // drop repeats, keep the last line's place
            for (int i = last - 1; i >= 0; i--) {
                Line l = lines.get(i);
                if (l.isEntry() && l.section().equals(profile) && l.key().equals(key)) {
                    lines.remove(i);
                    last--;
                }
            }
            if (value == null) lines.remove(last);
            else lines.set(last, entry(profile, key, value));
            return;
        }
        if (value == null) return;
        int insertAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (profile.equals(l.section()) && (l.isEntry() || isHeader(l))) insertAt = i + 1;
        }
        if (insertAt < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).text().isBlank()) lines.add(new Line(null, null, null, ""));
            lines.add(new Line(profile, null, null, header(profile)));
            insertAt = lines.size();
        }
        lines.add(insertAt, entry(profile, key, value));
    }

    private static Line entry(String profile, String key, String value) {
        return new Line(profile, key, value, key + " = " + value);
    }

    /** {@code [default]}, {@code [profile prod]}. */
    private String header(String profile) {
        return DEFAULT.equals(profile) || !usesProfilePrefix() ? "[" + profile + "]" : "[profile " + profile + "]";
    }

    /** Headers of new sections: {@code [profile prod]} (config, as the AWS CLI) or {@code [prod]} (credentials). */
    public IniFile profilePrefix(boolean value) {
        this.prefixHeaders = value;
        return this;
    }

    private boolean usesProfilePrefix() {
        return prefixHeaders;
    }

    /** True when entries come before any section: the earlier properties-style file, migrated by {@link #render()}. */
    public boolean headerless() {
        return lines.stream().filter(l -> l.isEntry() || isHeader(l)).findFirst().map(Line::isEntry).orElse(false);
    }

    /**
     * The file's text. Entries written before any section (the earlier properties format) move under a
     * {@code [default]} header, with their current key spelling.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (headerless()) sb.append("[default]\n");
        for (Line l : lines) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString();
    }
}
