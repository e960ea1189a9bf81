package org.hepgraph.io.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.DataFormatException;

/**
 * A strict RFC 4180 CSV reader that streams records one at a time (the text is never held whole).
 *
 * <p>Fields are separated by {@code ,}; records end at {@code \n}, {@code \r\n} or {@code \r}. A
 * field in double quotes may hold commas, line breaks and doubled quotes ({@code ""} reads as
 * {@code "}). A UTF-8 byte-order mark before the first field is dropped; empty (or blank) lines are
 * skipped. Strict: a quote inside an unquoted field, text after a closing quote, a quote left open
 * at the end of the file and bytes that are not UTF-8 are {@link DataFormatException}s naming the
 * file and line. Numbers are left to the caller ({@link #line()} says where a record began).
 */
public final class CsvRecords implements AutoCloseable {

    private static final int EOF = -1;

    private final Reader in;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private long recordLine;
    private boolean endedAtEof;
    private boolean first = true;
    private boolean quotedBlank; // the last record's only field was quoted: "" is not blank

    /** Reads {@code in}; {@code file} names the source in messages. */
    public CsvRecords(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    /**
     * Opens {@code path} as UTF-8 text (malformed bytes are refused, not replaced); a gzip file
     * (its first bytes 1f 8b, e.g. {@code Zmumu.csv.gz}) is decompressed while it is read.
     *
     * @throws DataFormatException if the file is missing, a folder or unreadable
     */
    public static CsvRecords open(Path path) {
        if (!Files.exists(path)) {
            throw new DataFormatException(
                    "csv: file "
                            + path.toAbsolutePath()
                            + " does not exist; check the path (relative paths start at "
                            + Path.of("").toAbsolutePath()
                            + ")");
        }
        if (Files.isDirectory(path)) {
            throw new DataFormatException(
                    "csv: " + path.toAbsolutePath() + " is a folder; give a .csv file inside it");
        }
        try {
            java.io.InputStream raw =
                    new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16);
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            Reader r =
                    new java.io.InputStreamReader(
                            gzip ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw,
                            StandardCharsets.UTF_8
                                    .newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPORT)
                                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            return new CsvRecords(r, path.toString());
        } catch (IOException e) {
            throw new DataFormatException(
                    "csv: cannot read "
                            + path.toAbsolutePath()
                            + " ("
                            + e
                            + "); check its"
                            + " permissions",
                    e);
        }
    }

    /** The file line (1-based) where the record last returned by {@link #next()} began. */
    public long line() {
        return recordLine;
    }

    /** Whether the last record ended at the end of the file rather than at a line break. */
    public boolean endedAtEof() {
        return endedAtEof;
    }

    /** The next record's fields, or {@code null} at the end of the file. */
    public List<String> next() {
        while (true) {
            int c = read();
            if (c == EOF) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                newline(c);
                continue; // an empty line
            }
            recordLine = line;
            List<String> record = record(c);
            if (record.size() == 1 && record.getFirst().isBlank() && !quotedBlank) {
                continue; // a blank line
            }
            return record;
        }
    }

    private List<String> record(int c) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        quotedBlank = false;
        while (true) {
            if (c == '"' && field.isEmpty()) {
                quoted(field);
                quotedBlank = true;
                c = read();
                if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    throw error(
                            line,
                            "the character '"
                                    + (char) c
                                    + "' follows a closing quote; a quoted field ends at a comma"
                                    + " or a line break (write a quote inside quotes as \"\")");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    if (c == '"') {
                        throw error(
                                line,
                                "a quote appears inside the unquoted field '"
                                        + field
                                        + "'; quote the whole field and double the quote (\"a\"\"b\")");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            endedAtEof = c == EOF;
            if (c != EOF) {
                newline(c);
            }
            return fields;
        }
    }

    private void quoted(StringBuilder field) {
        long opened = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw error(
                        opened,
                        "a quoted field opened here is never closed; the file is truncated or a"
                                + " quote is missing");
            }
            if (c == '"') {
                int d = peek();
                if (d == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                return;
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            field.append((char) c);
        }
    }

    private void newline(int c) {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int read() {
        if (pos == len && !fill()) {
            return EOF;
        }
        char c = buf[pos++];
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                return read();
            }
        }
        return c;
    }

    private int peek() {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() {
        try {
            len = in.read(buf, 0, buf.length);
        } catch (CharacterCodingException e) {
            throw error(line, "the file is not UTF-8 text (" + e + "); save it as UTF-8 CSV");
        } catch (IOException e) {
            throw error(
                    line,
                    "cannot be read ("
                            + e
                            + "); if it is gzip-compressed it is truncated or corrupt: download"
                            + " or write it again");
        }
        pos = 0;
        if (len <= 0) {
            len = 0;
            return false;
        }
        return true;
    }

    private DataFormatException error(long at, String what) {
        return new DataFormatException("csv: " + file + ", line " + at + ": " + what);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
