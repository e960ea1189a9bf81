package org.hepgraph.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for long loops: redrawn in place on a terminal, one line per update (at
 * most every 10%) when the output is a log file.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private int lastDecile = -1;

    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 1);
        this.interactive = System.console() != null;
    }

    /** A bar that prints nothing. */
    public static ProgressBar silent() {
        return new ProgressBar(null, "", 1);
    }

    /** Shows {@code done} of {@code total} with a free-text status such as the loss. */
    public void update(long done, String status) {
        if (out == null) {
            return;
        }
        double fraction = Math.min(1.0, (double) done / total);
        int decile = (int) (fraction * 10);
        if (!interactive && decile == lastDecile && done < total) {
            return;
        }
        lastDecile = decile;
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = done > 0 ? elapsed * (total - done) / done : 0;
        String line =
                String.format(
                        Locale.ROOT,
                        "%s [%s%s] %d/%d %s | %.0fs, eta %.0fs",
                        label,
                        "#".repeat(filled),
                        ".".repeat(WIDTH - filled),
                        done,
                        total,
                        status,
                        elapsed,
                        eta);
        if (interactive) {
            out.print("\r" + line);
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }
}
