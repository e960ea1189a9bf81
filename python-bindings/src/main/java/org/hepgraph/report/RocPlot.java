package org.hepgraph.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.metrics.RocCurve;

/**
 * ROC curves drawn to a PNG with java.awt (headless, no display needed).
 *
 * <p>One panel in the anomaly-detection convention: {@code x = FPR} (background efficiency) on a
 * log scale from {@link #FPR_MIN} = 1e-4 to 1, {@code y = TPR} (signal efficiency) from 0 to 1, the
 * random guess {@code TPR = FPR} dashed, and a legend "name (AUC = 0.912)" in the map's order. The
 * log axis shows the low-FPR region where anomaly searches operate. Segments between curve points
 * are straight in linear (FPR, TPR), as in the AUC, so they bend on the log axis; the stretch left
 * of 1e-4 is clipped at the axis.
 *
 * <p>The default size is {@value #WIDTH} x {@value #HEIGHT} pixels.
 */
public final class RocPlot {

    /** The left end of the FPR axis. */
    public static final double FPR_MIN = 1e-4;

    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;

    /** Matplotlib's tab10: colours physicists already read without a legend lookup. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 65;

    static {
        // Rendering to an image needs no display; a caller that set the property keeps its choice.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RocPlot() {}

    /**
     * Draws {@code curves} (legend in map order) and writes a {@link #WIDTH}x{@link #HEIGHT} PNG.
     */
    public static void write(Path png, String title, Map<String, RocCurve> curves)
            throws IOException {
        write(png, title, curves, WIDTH, HEIGHT);
    }

    /** Draws {@code curves} and writes a {@code width x height} PNG to {@code png}. */
    public static void write(
            Path png, String title, Map<String, RocCurve> curves, int width, int height)
            throws IOException {
        if (png == null) {
            throw new InvalidArgumentException("RocPlot.write: png is null; give a file path");
        }
        BufferedImage image = render(title, curves, width, height);
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(
                    "RocPlot: cannot write "
                            + png
                            + ": directory "
                            + dir
                            + " does not exist; create it first");
        }
        try (OutputStream out = Files.newOutputStream(png)) {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IOException("RocPlot: cannot write PNG to " + png + ": " + e, e);
        }
    }

    /** Draws {@code curves} (legend in map order) into a new RGB image. */
    public static BufferedImage render(
            String title, Map<String, RocCurve> curves, int width, int height) {
        if (curves == null || curves.isEmpty()) {
            throw new InvalidArgumentException(
                    "RocPlot: no curves; pass a map from name to RocCurve (a LinkedHashMap keeps"
                            + " the legend order)");
        }
        if (width < 300 || height < 200) {
            throw new InvalidArgumentException(
                    "RocPlot: size "
                            + width
                            + "x"
                            + height
                            + " is too small for axes and legend; give at least 300x200");
        }
        curves.forEach(
                (name, roc) -> {
                    if (name == null || roc == null) {
                        throw new InvalidArgumentException(
                                "RocPlot: curve '"
                                        + name
                                        + "' -> "
                                        + roc
                                        + "; names and curves must not be null");
                    }
                });
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            new Frame(g, width, height).draw(title == null ? "" : title, curves);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One drawing: the plot rectangle and the data-to-pixel maps. */
    private static final class Frame {
        private final Graphics2D g;
        private final int x0;
        private final int x1;
        private final int y0;
        private final int y1;

        Frame(Graphics2D g, int width, int height) {
            this.g = g;
            this.x0 = LEFT;
            this.x1 = width - RIGHT;
            this.y0 = TOP;
            this.y1 = height - BOTTOM;
        }

        double px(double fpr) {
            double decades = -Math.log10(FPR_MIN);
            return x0 + (Math.log10(Math.max(fpr, FPR_MIN)) + decades) / decades * (x1 - x0);
        }

        double py(double tpr) {
            return y1 - tpr * (y1 - y0);
        }

        void draw(String title, Map<String, RocCurve> curves) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, x1 + RIGHT, y1 + BOTTOM);
            axes();
            diagonal();
            int i = 0;
            for (RocCurve roc : curves.values()) {
                curve(roc, PALETTE[i++ % PALETTE.length]);
            }
            legend(curves);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            centered(title, (x0 + x1) / 2, y0 - 18);
        }

        private void axes() {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g.setFont(font);
            int decades = (int) Math.round(-Math.log10(FPR_MIN));
            for (int d = -decades; d <= 0; d++) {
                for (int m = 1; m <= 9 && (d < 0 || m == 1); m++) {
                    int x = (int) Math.round(px(m * Math.pow(10, d)));
                    g.setColor(m == 1 ? new Color(0xdddddd) : new Color(0xf0f0f0));
                    g.drawLine(x, y0, x, y1);
                    g.setColor(Color.BLACK);
                    g.drawLine(x, y1, x, y1 + (m == 1 ? 6 : 3));
                }
                String label = d == 0 ? "1" : d == -1 ? "0.1" : "1e" + d;
                centered(label, (int) Math.round(px(Math.pow(10, d))), y1 + 20);
            }
            for (int k = 0; k <= 5; k++) {
                int y = (int) Math.round(py(k / 5.0));
                g.setColor(new Color(0xdddddd));
                g.drawLine(x0, y, x1, y);
                g.setColor(Color.BLACK);
                g.drawLine(x0 - 6, y, x0, y);
                String label = String.format(Locale.ROOT, "%.1f", k / 5.0);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(label, x0 - 10 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.2f));
            g.drawRect(x0, y0, x1 - x0, y1 - y0);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            centered("False positive rate (background efficiency)", (x0 + x1) / 2, y1 + 48);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            centered("True positive rate (signal efficiency)", -(y0 + y1) / 2, x0 - 48);
            g.setTransform(saved);
        }

        private void diagonal() {
            Path2D.Double path = new Path2D.Double();
            int steps = 200;
            for (int s = 0; s <= steps; s++) {
                double f = FPR_MIN * Math.pow(1 / FPR_MIN, (double) s / steps);
                if (s == 0) {
                    path.moveTo(px(f), py(f));
                } else {
                    path.lineTo(px(f), py(f));
                }
            }
            g.setColor(Color.GRAY);
            g.setStroke(
                    new BasicStroke(
                            1.2f,
                            BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_ROUND,
                            1f,
                            new float[] {6f, 5f},
                            0f));
            g.draw(path);
        }

        private void curve(RocCurve roc, Color color) {
            double[] f = roc.fpr();
            double[] t = roc.tpr();
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (int k = 1; k < f.length; k++) {
                if (f[k] < FPR_MIN) {
                    continue; // left of the axis
                }
                double fa = f[k - 1];
                double ta = t[k - 1];
                if (!started) {
                    // Enter at the axis: interpolate the segment that crosses FPR_MIN.
                    double ts =
                            fa >= FPR_MIN ? ta : ta + (t[k] - ta) * (FPR_MIN - fa) / (f[k] - fa);
                    fa = Math.max(fa, FPR_MIN);
                    ta = ts;
                    path.moveTo(px(fa), py(ta));
                    started = true;
                }
                // Straight in linear FPR, so sample it finely where the log axis bends it.
                int steps =
                        f[k] > fa ? (int) Math.min(32, Math.max(1, (px(f[k]) - px(fa)) / 3)) : 1;
                for (int s = 1; s <= steps; s++) {
                    double ff = steps == 1 ? f[k] : fa * Math.pow(f[k] / fa, (double) s / steps);
                    double tt = f[k] > fa ? ta + (t[k] - ta) * (ff - fa) / (f[k] - fa) : t[k];
                    path.lineTo(px(ff), py(tt));
                }
            }
            g.setColor(color);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }

        private void legend(Map<String, RocCurve> curves) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            String[] labels = new String[curves.size() + 1];
            int i = 0;
            for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
                labels[i++] =
                        String.format(
                                Locale.ROOT, "%s (AUC = %.3f)", e.getKey(), e.getValue().auc());
            }
            labels[i] = "random guess";
            int textWidth = 0;
            for (String label : labels) {
                textWidth = Math.max(textWidth, fm.stringWidth(label));
            }
            int line = fm.getHeight() + 2;
            int bx = x0 + 12;
            int by = y0 + 12;
            int bw = textWidth + 48;
            int bh = line * labels.length + 10;
            g.setColor(new Color(255, 255, 255, 230));
            g.fillRect(bx, by, bw, bh);
            g.setColor(new Color(0xaaaaaa));
            g.setStroke(new BasicStroke(1f));
            g.drawRect(bx, by, bw, bh);
            for (int k = 0; k < labels.length; k++) {
                int y = by + 5 + line * k + line / 2;
                boolean guess = k == labels.length - 1;
                g.setColor(guess ? Color.GRAY : PALETTE[k % PALETTE.length]);
                g.setStroke(
                        guess
                                ? new BasicStroke(
                                        1.2f,
                                        BasicStroke.CAP_BUTT,
                                        BasicStroke.JOIN_ROUND,
                                        1f,
                                        new float[] {6f, 5f},
                                        0f)
                                : new BasicStroke(3f));
                g.drawLine(bx + 8, y, bx + 34, y);
                g.setColor(Color.BLACK);
                g.drawString(labels[k], bx + 40, y + fm.getAscent() / 2 - 1);
            }
        }

        private void centered(String text, int x, int baseline) {
            g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
        }
    }
}
