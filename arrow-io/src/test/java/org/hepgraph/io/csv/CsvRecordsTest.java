package org.hepgraph.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.DataFormatException;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    private static List<List<String>> all(String text) {
        List<List<String>> out = new ArrayList<>();
        try (CsvRecords r = new CsvRecords(new StringReader(text), "t.csv")) {
            List<String> rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
        }
        return out;
    }

    @Test
    void readsQuotedFieldsWithCommasLineBreaksAndDoubledQuotes() {
        List<List<String>> r = all("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n4,,6\n");
        assertEquals(List.of("a", "b", "c"), r.get(0));
        assertEquals(List.of("x,1", "say \"hi\"", "two\nlines"), r.get(1));
        assertEquals(List.of("4", "", "6"), r.get(2));
        assertEquals(3, r.size());
    }

    @Test
    void handlesCrlfByteOrderMarkEmptyLinesAndNoFinalNewline() {
        List<List<String>> r = all("\uFEFFRun,pt1\r\n\r\n1,2.5\r\n   \n3,4");
        assertEquals(List.of(List.of("Run", "pt1"), List.of("1", "2.5"), List.of("3", "4")), r);
    }

    @Test
    void countsLinesSoThatErrorsCanSayWhere() {
        try (CsvRecords r = new CsvRecords(new StringReader("h\n\n\"a\nb\"\nc\n"), "t.csv")) {
            r.next();
            assertEquals(1, r.line());
            r.next();
            assertEquals(3, r.line());
            r.next();
            assertEquals(5, r.line());
            assertNull(r.next());
        }
    }

    @Test
    void refusesAQuoteLeftOpenAtTheEnd() {
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> all("a,b\n1,\"2\n3,4\n"));
        assertTrue(e.getMessage().contains("t.csv, line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void refusesStrayQuotes() {
        DataFormatException inside =
                assertThrows(DataFormatException.class, () -> all("a,b\n1,2\"3\n"));
        assertTrue(inside.getMessage().contains("line 2"), inside.getMessage());
        DataFormatException after =
                assertThrows(DataFormatException.class, () -> all("a,b\n\"1\"x,2\n"));
        assertTrue(after.getMessage().contains("follows a closing quote"), after.getMessage());
    }
}
