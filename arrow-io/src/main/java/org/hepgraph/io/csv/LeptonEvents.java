package org.hepgraph.io.csv;

import static org.hepgraph.data.JetKinematics.asinh;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.experiments.RowRange;
import org.hepgraph.io.csv.LeptonMapping.Flavour;
import org.hepgraph.io.csv.LeptonMapping.Quantity;

/**
 * Reads the events of one CSV file (one event per row) through a {@link LeptonMapping}, streaming:
 * records are parsed line by line ({@link CsvRecords}) and handed over in chunks of {@code
 * chunkRows} rows, so memory holds one chunk of numbers, never the text.
 *
 * <p>Each lepton becomes the {@value #WIDTH} features {@link #NODE_FEATURES}: {@code pt, eta, phi}
 * (from the mapped columns, or from {@code px, py, pz}: pT = √(px² + py²), η = asinh(pz / pT), φ =
 * atan2(py, px)), {@code e} (the mapped column, else √(p² + m²) with the flavour's mass), {@code
 * charge}, and the flavour one-hot {@code is_electron, is_muon} (from the PDG-id column, or the
 * mapping's fixed flavour). Values are parsed as doubles and stored as float32.
 *
 * <p>Errors ({@link DataFormatException}, naming file, line, data row and column): a header that
 * does not fit the mapping ({@link LeptonMapping#check}), a row with another number of fields than
 * the header (a truncated last line says so), a value that is empty, not a number, or not finite,
 * an id that is not an integer, a PDG id that is not ±11 or ±13.
 */
public final class LeptonEvents implements AutoCloseable {

    /** The node features of a lepton, in order. */
    public static final List<String> NODE_FEATURES =
            List.of("pt", "eta", "phi", "e", "charge", "is_electron", "is_muon");

    /** Features per lepton. */
    public static final int WIDTH = 7;

    /** Rows per chunk when the caller gives none. */
    public static final int DEFAULT_CHUNK_ROWS = 8192;

    /**
     * A run of consecutive rows of the file.
     *
     * @param rows the rows in this chunk
     * @param rowIds {@code [rows]} the data row index in the file (0 = first row after the header)
     * @param leptons {@code [rows, count, WIDTH]} the lepton features, row-major
     * @param event {@code [rows, E]} the event columns
     * @param ids {@code [I][rows]} the id columns
     */
    public record Chunk(int rows, long[] rowIds, float[] leptons, float[] event, long[][] ids) {}

    private final Path file;
    private final RowRange range;
    private final long to;
    private final CsvRecords in;
    private final Columns cols;
    private List<String> mappingHeader; // the file's header, for messages
    private int fields;
    private long row = -1; // the last data row read
    private boolean done;

    private LeptonEvents(Path file, LeptonMapping mapping, RowRange range) {
        this.file = file;
        this.range = range;
        this.to = range.to() < 0 ? Long.MAX_VALUE : range.to();
        this.in = CsvRecords.open(file);
        try {
            List<String> header = in.next();
            if (header == null) {
                throw new DataFormatException(
                        "csv: "
                                + file
                                + " is empty (no header line); give a CSV whose first line names"
                                + " the columns "
                                + mapping.requiredColumns());
            }
            header = header.stream().map(String::strip).toList();
            mappingHeader = header;
            fields = header.size();
            cols = new Columns(mapping, mapping.check(file.toString(), header));
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads the rows of {@code rows} (data rows, {@link RowRange#ALL} for every one) of {@code
     * file}, handing each chunk of at most {@code chunkRows} rows to {@code sink}.
     *
     * @return the number of rows handed over
     * @throws DataFormatException see the class doc; also for a file with no header
     */
    public static long read(
            Path file, LeptonMapping mapping, RowRange rows, int chunkRows, Consumer<Chunk> sink) {
        checkChunkRows(chunkRows);
        long handed = 0;
        try (LeptonEvents events = open(file, mapping, rows)) {
            Chunk c;
            while ((c = events.next(chunkRows)) != null) {
                handed += c.rows();
                sink.accept(c);
            }
        }
        return handed;
    }

    /**
     * Opens {@code file} for reading the rows of {@code rows} chunk by chunk ({@link #next}): the
     * pull form of {@link #read}, for a caller that asks for the next rows when it is ready for
     * them. Reads the header (and checks it against the mapping) now.
     */
    public static LeptonEvents open(Path file, LeptonMapping mapping, RowRange rows) {
        return new LeptonEvents(file, mapping, rows);
    }

    /**
     * The number of rows of {@code rows} in {@code file}, by a pass that splits the records ({@link
     * CsvRecords}) without parsing their values (those checks come with {@link #next}); the header
     * is checked against the mapping, and a range that starts beyond the file is refused as {@link
     * #next} refuses it.
     */
    public static long countRows(Path file, LeptonMapping mapping, RowRange rows) {
        try (LeptonEvents e = open(file, mapping, rows)) {
            long n = 0;
            while (n < e.to && e.in.next() != null) {
                n++;
            }
            if (rows.from() > 0 && n <= rows.from()) {
                throw new InvalidArgumentException(
                        String.format(
                                "csv: rows %s starts beyond the %d rows of %s; give a range"
                                        + " inside 0:%d",
                                rows, n, file, n));
            }
            return Math.max(0, Math.min(n, e.to) - rows.from());
        }
    }

    /**
     * The next at most {@code maxRows} rows of the range (fewer only at its end), or null when the
     * range is exhausted.
     */
    public Chunk next(int maxRows) {
        checkChunkRows(maxRows);
        if (done) {
            return null;
        }
        Buffer buf = new Buffer(cols, maxRows);
        List<String> r;
        while (buf.n < maxRows) {
            r = in.next();
            if (r == null) {
                done = true;
                if (range.from() > 0 && row < range.from()) {
                    throw new InvalidArgumentException(
                            String.format(
                                    "csv: rows %s starts beyond the %d rows of %s; give a range"
                                            + " inside 0:%d",
                                    range, row + 1, file, row + 1));
                }
                break;
            }
            row++;
            if (r.size() != fields) {
                throw new DataFormatException(
                        String.format(
                                "csv: %s, line %d (data row %d) has %d fields but the header"
                                        + " has %d%s; every row needs one value per column",
                                file,
                                in.line(),
                                row,
                                r.size(),
                                fields,
                                in.endedAtEof() && r.size() < fields
                                        ? " (the last line is truncated: the file was cut"
                                                + " short; copy it again)"
                                        : ""));
            }
            if (row < range.from()) {
                continue;
            }
            if (row >= to) {
                done = true;
                break;
            }
            buf.add(r, row, in.line());
        }
        return buf.n == 0 ? null : buf.take();
    }

    @Override
    public void close() {
        in.close();
    }

    private static void checkChunkRows(int chunkRows) {
        if (chunkRows < 1) {
            throw new InvalidArgumentException(
                    "LeptonEvents.read: chunkRows = " + chunkRows + "; it must be at least 1");
        }
    }

    /** Header positions of every mapped column. */
    private static final class Columns {
        final int count;
        final int[][] at = new int[Quantity.values().length][]; // [quantity][slot], null: unmapped
        final int[] event;
        final int[] ids;
        final Flavour flavour;

        Columns(LeptonMapping m, Map<String, Integer> pos) {
            count = m.count();
            flavour = m.flavour();
            for (Quantity q : m.columns().keySet()) {
                at[q.ordinal()] = new int[count];
                for (int i = 0; i < count; i++) {
                    at[q.ordinal()][i] = pos.get(m.column(q, i + 1));
                }
            }
            event = m.eventColumns().stream().mapToInt(pos::get).toArray();
            ids = m.idColumns().stream().mapToInt(pos::get).toArray();
        }

        boolean has(Quantity q) {
            return at[q.ordinal()] != null;
        }
    }

    /** One chunk being filled. */
    private final class Buffer {
        final Columns c;
        final int chunkRows;
        int n;
        long[] rowIds;
        float[] leptons;
        float[] event;
        long[][] ids;

        Buffer(Columns c, int chunkRows) {
            this.c = c;
            this.chunkRows = chunkRows;
            reset();
        }

        private void reset() {
            n = 0;
            rowIds = new long[chunkRows];
            leptons = new float[chunkRows * c.count * WIDTH];
            event = new float[chunkRows * c.event.length];
            ids = new long[c.ids.length][chunkRows];
        }

        Chunk take() {
            if (n == chunkRows) {
                return new Chunk(n, rowIds, leptons, event, ids);
            }
            return new Chunk(
                    n,
                    java.util.Arrays.copyOf(rowIds, n),
                    java.util.Arrays.copyOf(leptons, n * c.count * WIDTH),
                    java.util.Arrays.copyOf(event, n * c.event.length),
                    trim(ids, n));
        }

        void add(List<String> r, long row, long line) {
            Cell cell = new Cell(r, row, line);
            for (int k = 0; k < c.ids.length; k++) {
                ids[k][n] = cell.integer(c.ids[k]);
            }
            for (int k = 0; k < c.event.length; k++) {
                event[n * c.event.length + k] = (float) cell.number(c.event[k]);
            }
            for (int i = 0; i < c.count; i++) {
                lepton(cell, i, (n * c.count + i) * WIDTH);
            }
            rowIds[n] = row;
            n++;
        }

        private void lepton(Cell cell, int i, int o) {
            double pt;
            double eta;
            double phi;
            double p2;
            if (c.has(Quantity.PT)) {
                pt = cell.number(c.at[Quantity.PT.ordinal()][i]);
                eta = cell.number(c.at[Quantity.ETA.ordinal()][i]);
                phi = cell.number(c.at[Quantity.PHI.ordinal()][i]);
                double pz = pt * Math.sinh(eta);
                p2 = pt * pt + pz * pz;
            } else {
                double px = cell.number(c.at[Quantity.PX.ordinal()][i]);
                double py = cell.number(c.at[Quantity.PY.ordinal()][i]);
                double pz = cell.number(c.at[Quantity.PZ.ordinal()][i]);
                pt = Math.hypot(px, py);
                if (!(pt > 0)) {
                    throw cell.error(
                            c.at[Quantity.PX.ordinal()][i],
                            "lepton " + (i + 1) + " has pT = 0, so its eta is undefined",
                            "drop the row or give pt, eta, phi columns");
                }
                eta = asinh(pz / pt);
                phi = Math.atan2(py, px);
                p2 = px * px + py * py + pz * pz;
            }
            Flavour f = c.flavour;
            if (c.has(Quantity.PID)) {
                int col = c.at[Quantity.PID.ordinal()][i];
                double pid = cell.number(col);
                f = Flavour.ofPdgId(pid);
                if (f == null) {
                    throw cell.error(
                            col,
                            "PDG id " + cell.text(col) + " is not an electron or a muon",
                            "keep rows whose leptons are ±11 or ±13");
                }
            }
            double e =
                    c.has(Quantity.E)
                            ? cell.number(c.at[Quantity.E.ordinal()][i])
                            : Math.sqrt(p2 + f.mass() * f.mass());
            double q = cell.number(c.at[Quantity.CHARGE.ordinal()][i]);
            leptons[o] = (float) pt;
            leptons[o + 1] = (float) eta;
            leptons[o + 2] = (float) phi;
            leptons[o + 3] = (float) e;
            leptons[o + 4] = (float) q;
            leptons[o + 5] = f == Flavour.ELECTRON ? 1f : 0f;
            leptons[o + 6] = f == Flavour.MUON ? 1f : 0f;
        }
    }

    /** The fields of one row, parsed on demand with messages that say where. */
    private final class Cell {
        final List<String> r;
        final long row;
        final long line;

        Cell(List<String> r, long row, long line) {
            this.r = r;
            this.row = row;
            this.line = line;
        }

        String text(int col) {
            return r.get(col).strip();
        }

        double number(int col) {
            String s = text(col);
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(
                        col,
                        s.isEmpty() ? "the value is empty" : "'" + s + "' is not a number",
                        "write a decimal number (e.g. 45.2) or drop the row");
            }
            if (!Double.isFinite(v)) {
                throw error(
                        col,
                        "the value is " + s + "; every value must be finite",
                        "drop or repair the row");
            }
            return v;
        }

        long integer(int col) {
            String s = text(col);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(
                        col,
                        "'" + s + "' is not an integer (an id column)",
                        "write whole numbers in id columns");
            }
        }

        DataFormatException error(int col, String what, String fix) {
            return new DataFormatException(
                    String.format(
                            "csv: %s, line %d (data row %d), column '%s': %s; %s",
                            file, line, row, headerName(col), what, fix));
        }

        private String headerName(int col) {
            return mappingHeader == null ? "#" + (col + 1) : mappingHeader.get(col);
        }
    }

    private static long[][] trim(long[][] a, int n) {
        long[][] out = new long[a.length][];
        for (int k = 0; k < a.length; k++) {
            out[k] = java.util.Arrays.copyOf(a[k], n);
        }
        return out;
    }
}
