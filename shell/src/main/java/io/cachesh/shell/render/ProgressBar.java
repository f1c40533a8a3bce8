package io.cachesh.shell.render;

/** Renders one progress line to a width: {@code [#######-------]  7/12  label} (pure; tests give the width). */
public final class ProgressBar {

    private ProgressBar() {
    }

    /**
     * @param done  steps finished
     * @param total all steps (0 or less: an indeterminate bar)
     * @param label what finished last, cut to fit
     * @param width the terminal width; the line is at most {@code width - 1} characters (no wrap)
     */
    public static String render(int done, int total, String label, int width) {
        int max = Math.max(10, width - 1);
        String count = total > 0 ? " " + done + "/" + total + " " : " " + done + " ";
        int barWidth = Math.max(5, Math.min(30, max / 3));
        StringBuilder bar = new StringBuilder("[");
        int filled = total > 0 ? (int) Math.round((double) Math.min(done, total) / total * barWidth) : 0;
        bar.append("#".repeat(filled)).append("-".repeat(barWidth - filled)).append(']');
        String line = bar + count;
        String text = label == null ? "" : label.replace('\n', ' ').replace('\r', ' ');
        int room = max - line.length();
        if (room <= 0) return line.substring(0, max);
        if (text.length() > room) text = room <= 1 ? "" : text.substring(0, room - 1) + "…";
        return line + text;
    }
}
