package org.hepgraph.io.tu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hepgraph.HepgraphException.DataFormatException;

/**
 * One file of a TU data set ({@code NAME_suffix.txt}), parsed by hand from its bytes.
 *
 * <p>Every line holds the same number of comma-separated numbers. Blank lines are accepted only at
 * the end of the file. Errors name the file, the 1-based line, the offending value and the fix.
 */
final class TuTextFile {

    private final Path path;
    private final byte[] data;
    private final int end; // data[0, end) holds every line up to the last non-blank one

    private TuTextFile(Path path, byte[] data) {
        this.path = path;
        // A UTF-8 byte-order mark (EF BB BF, written by some Windows editors) is not data.
        boolean bom =
                data.length >= 3
                        && (data[0] & 0xFF) == 0xEF
                        && (data[1] & 0xFF) == 0xBB
                        && (data[2] & 0xFF) == 0xBF;
        this.data = bom ? Arrays.copyOfRange(data, 3, data.length) : data;
        data = this.data;
        int e = data.length;
        while (e > 0 && isSpace(data[e - 1])) {
            e--;
        }
        this.end = e;
    }

    /** Opens {@code <dir>/<name>_<suffix>.txt}, or fails naming the missing file. */
    static TuTextFile required(Path dir, String name, String suffix) {
        TuTextFile f = optional(dir, name, suffix);
        if (f == null) {
            throw new DataFormatException(
                    "TuDatasetReader: required file "
                            + dir.resolve(fileName(name, suffix))
                            + " is missing; a TU data set needs "
                            + name
                            + "_A.txt, "
                            + name
                            + "_graph_indicator.txt and "
                            + name
                            + "_graph_labels.txt in one folder");
        }
        return f;
    }

    /** Opens {@code <dir>/<name>_<suffix>.txt}, or returns {@code null} if it does not exist. */
    static TuTextFile optional(Path dir, String name, String suffix) {
        Path p = dir.resolve(fileName(name, suffix));
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return new TuTextFile(p, Files.readAllBytes(p));
        } catch (IOException e) {
            throw new DataFormatException(
                    "TuDatasetReader: cannot read " + p + " (" + e + "); check its permissions", e);
        }
    }

    static String fileName(String name, String suffix) {
        return name + "_" + suffix + ".txt";
    }

    Path path() {
        return path;
    }

    /** The file's name, e.g. {@code AIDS_A.txt}. */
    String name() {
        return path.getFileName().toString();
    }

    /** Number of lines (trailing blank lines not counted). */
    int lines() {
        if (end == 0) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < end; i++) {
            if (data[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Reads {@code cols} integers per line, row-major {@code [lines, cols]}. */
    int[] ints(int cols) {
        int[] out = new int[lines() * cols];
        int k = 0;
        int pos = 0;
        int line = 1;
        while (pos < end) {
            int eol = lineEnd(pos);
            int p = pos;
            for (int c = 0; c < cols; c++) {
                int tokEnd = tokenEnd(p, eol, line, c, cols);
                out[k++] = parseInt(p, tokEnd, line, cols);
                p = tokEnd + 1; // past the comma (or past eol on the last column)
            }
            pos = eol + 1;
            line++;
        }
        return out;
    }

    /** Reads a float table whose width is the number of values on the first line. */
    FloatTable floats() {
        if (end == 0) {
            return new FloatTable(0, 0, new float[0]);
        }
        int cols = 1;
        for (int i = 0, eol = lineEnd(0); i < eol; i++) {
            if (data[i] == ',') {
                cols++;
            }
        }
        float[] out = new float[lines() * cols];
        int k = 0;
        int pos = 0;
        int line = 1;
        while (pos < end) {
            int eol = lineEnd(pos);
            int p = pos;
            for (int c = 0; c < cols; c++) {
                int tokEnd = tokenEnd(p, eol, line, c, cols);
                out[k++] = parseFloat(p, tokEnd, line, cols);
                p = tokEnd + 1;
            }
            pos = eol + 1;
            line++;
        }
        return new FloatTable(out.length / cols, cols, out);
    }

    /** A {@code [rows, cols]} row-major table of floats. */
    record FloatTable(int rows, int cols, float[] values) {}

    /** Builds an error naming this file and line: "file line L: problem; fix". */
    DataFormatException error(int line, String problem, String fix) {
        return new DataFormatException(
                "TuDatasetReader: " + path + " line " + line + ": " + problem + "; " + fix);
    }

    private int lineEnd(int pos) {
        int i = pos;
        while (i < end && data[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * Finds the end of column {@code c} that starts at {@code p}: the next comma, or the end of the
     * line for the last column. Fails on too few or too many values and on empty lines.
     */
    private int tokenEnd(int p, int eol, int line, int c, int cols) {
        int i = p;
        while (i < eol && data[i] != ',') {
            i++;
        }
        boolean last = c == cols - 1;
        if (!last && i == eol) {
            throw error(
                    line,
                    "found "
                            + (c + 1)
                            + " value(s) in '"
                            + text(lineStart(p), eol)
                            + "' but expected "
                            + cols,
                    "the file may be truncated; every line needs "
                            + cols
                            + " comma-separated values");
        }
        if (last && i != eol) {
            throw error(
                    line,
                    "found more than " + cols + " value(s) in '" + text(lineStart(p), eol) + "'",
                    "every line needs exactly " + cols + " comma-separated value(s)");
        }
        return i;
    }

    private int lineStart(int p) {
        int i = p;
        while (i > 0 && data[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private int parseInt(int from, int to, int line, int cols) {
        int a = from;
        int b = to;
        while (a < b && isSpace(data[a])) {
            a++;
        }
        while (b > a && isSpace(data[b - 1])) {
            b--;
        }
        boolean neg = false;
        int i = a;
        if (i < b && (data[i] == '-' || data[i] == '+')) {
            neg = data[i] == '-';
            i++;
        }
        if (i == b || b - i > 10) {
            throw notANumber(a, b, line, "an integer", cols);
        }
        long v = 0;
        for (; i < b; i++) {
            int d = data[i] - '0';
            if (d < 0 || d > 9) {
                throw notANumber(a, b, line, "an integer", cols);
            }
            v = v * 10 + d;
        }
        v = neg ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw notANumber(a, b, line, "a 32-bit integer", cols);
        }
        return (int) v;
    }

    private float parseFloat(int from, int to, int line, int cols) {
        String s = text(from, to).trim();
        // Float.parseFloat also takes "NaN", "Infinity" and hex floats; TU files hold decimals
        // only.
        boolean decimal = !s.isEmpty();
        for (int i = 0; i < s.length() && decimal; i++) {
            char ch = s.charAt(i);
            decimal =
                    (ch >= '0' && ch <= '9')
                            || ch == '.'
                            || ch == '-'
                            || ch == '+'
                            || ch == 'e'
                            || ch == 'E';
        }
        if (decimal) {
            float v;
            try {
                v = Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw notANumber(from, to, line, "a decimal number", cols);
            }
            if (!Float.isFinite(v)) {
                throw error(
                        line,
                        "'" + s + "' overflows float32 (it reads as " + v + ")",
                        "node attributes must be finite numbers within ±3.4e38; rescale the"
                                + " column");
            }
            return v;
        }
        throw notANumber(from, to, line, "a decimal number", cols);
    }

    private DataFormatException notANumber(int a, int b, int line, String what, int cols) {
        return error(
                line,
                "'" + text(a, b).trim() + "' is not " + what,
                "every line needs "
                        + cols
                        + " comma-separated number(s); fix or re-export the file");
    }

    private String text(int from, int to) {
        int b = to;
        if (b > from && data[b - 1] == '\r') {
            b--;
        }
        return new String(data, from, b - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
