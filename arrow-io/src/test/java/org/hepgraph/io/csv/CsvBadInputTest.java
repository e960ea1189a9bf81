package org.hepgraph.io.csv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a user's event CSV can be wrong, and the message that says where and what to do. */
class CsvBadInputTest {

    static final String HEADER = "Run,Event,pt1,eta1,phi1,Q1,dxy1,iso1,pt2,eta2,phi2,Q2,dxy2,iso2";
    static final String ROW = "1,10,45.2,0.1,1.2,1,0,0,38.1,-0.5,-2,-1,0,0";

    @TempDir Path dir;

    Path write(String text) throws IOException {
        Path f = dir.resolve("events.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    <T extends HepgraphException> T fails(Class<T> type, Path f, String options, String... parts) {
        T e = assertThrows(type, () -> DatasetSources.open("csv:" + f + "?" + options, Map.of()));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void missingFile() {
        fails(
                DataFormatException.class,
                dir.resolve("nope.csv"),
                "layout=dimuon",
                "nope.csv",
                "does not exist");
    }

    @Test
    void aFileWithAnotherLayoutListsExpectedAndFoundColumnsAndNamesTheMatchingLayout()
            throws IOException {
        Path f = write(HEADER + "\n" + ROW + "\n");
        fails(
                DataFormatException.class,
                f,
                "layout=dimuon_masses",
                "layout=dimuon_masses",
                "expected [Run, Event, Type1, E1",
                "found [Run, Event, pt1",
                "missing [Type1, E1",
                "unexpected [dxy1, iso1",
                "The header is that of layout=dimuon; use it");
    }

    @Test
    void aMissingColumnOfACustomMappingIsNamed() throws IOException {
        Path f = write(HEADER + "\n" + ROW + "\n");
        fails(
                DataFormatException.class,
                f,
                "count=2,pt=pt{i},eta=eta{i},phi=phi{i},charge=charge{i},flavour=mu",
                "missing [charge1, charge2]",
                "the declared mapping");
    }

    @Test
    void noMappingIsRefusedWithTheLayoutTheHeaderMatches() throws IOException {
        Path f = write(HEADER + "\n" + ROW + "\n");
        fails(
                InvalidArgumentException.class,
                f,
                "",
                "declares no column mapping",
                "not guessed",
                "?layout=dimuon");
    }

    @Test
    void aNonNumericValueNamesRowLineAndColumn() throws IOException {
        Path f = write(HEADER + "\n" + ROW + "\n" + ROW.replace("38.1", "abc") + "\n");
        fails(
                DataFormatException.class,
                f,
                "layout=dimuon",
                "line 3 (data row 1)",
                "column 'pt2'",
                "'abc' is not a number");
    }

    @Test
    void nanIsRefused() throws IOException {
        Path f = write(HEADER + "\n" + ROW.replace("0.1", "NaN") + "\n");
        fails(
                DataFormatException.class,
                f,
                "layout=dimuon",
                "line 2 (data row 0)",
                "column 'eta1'",
                "NaN",
                "finite");
    }

    @Test
    void anEmptyValueIsRefused() throws IOException {
        Path f = write(HEADER + "\n" + ROW.replace(",45.2,", ",,") + "\n");
        fails(DataFormatException.class, f, "layout=dimuon", "column 'pt1'", "empty");
    }

    @Test
    void zeroRowsAndAnEmptyFile() throws IOException {
        Path f = write(HEADER + "\r\n");
        fails(DataFormatException.class, f, "layout=dimuon", "holds no events", "zero rows");
        Path empty = write("");
        fails(DataFormatException.class, empty, "layout=dimuon", "is empty (no header line)");
    }

    @Test
    void aTruncatedLastLineIsCalledTruncated() throws IOException {
        Path f = write(HEADER + "\n" + ROW + "\n" + ROW.substring(0, 20));
        fails(
                DataFormatException.class,
                f,
                "layout=dimuon",
                "line 3 (data row 1) has 7 fields but the header has 14",
                "truncated");
    }

    @Test
    void aWrongColumnCountInTheMiddle() throws IOException {
        Path f = write(HEADER + "\n" + ROW + ",7\n" + ROW + "\n");
        fails(
                DataFormatException.class,
                f,
                "layout=dimuon",
                "line 2 (data row 0) has 15 fields but the header has 14");
    }

    @Test
    void aNonIntegerIdAndAnUnknownPdgId() throws IOException {
        Path f = write(HEADER + "\n" + ROW.replaceFirst("^1,", "1.5,") + "\n");
        fails(DataFormatException.class, f, "layout=dimuon", "column 'Run'", "not an integer");
        Path g = write("Run,Event,PID1,E1,pt1,eta1,phi1,Q1\n1,2,15,50,40,0.1,0.2,1\n");
        fails(
                DataFormatException.class,
                g,
                "count=1,pt=pt{i},eta=eta{i},phi=phi{i},e=E{i},charge=Q{i},pid=PID{i}",
                "column 'PID1'",
                "PDG id 15 is not an electron or a muon");
    }

    @Test
    void badOptions() throws IOException {
        Path f = write(HEADER + "\n" + ROW + "\n");
        fails(InvalidArgumentException.class, f, "layout=trimuon", "not a built-in layout");
        fails(InvalidArgumentException.class, f, "layout=dimuon,as=image", "as = 'image'");
        fails(InvalidArgumentException.class, f, "layout=dimuon,colour=red", "not a known option");
        fails(
                InvalidArgumentException.class,
                f,
                "layout=dimuon,count=2",
                "give one column mapping");
        fails(
                InvalidArgumentException.class,
                f,
                "count=2,pt=pt1,eta=eta{i},phi=phi{i},charge=Q{i},flavour=mu",
                "pt = 'pt1' has no {i}");
        fails(
                InvalidArgumentException.class,
                f,
                "count=2,pt=pt{i},eta=eta{i},phi=phi{i},charge=Q{i}",
                "gives no flavour");
        fails(InvalidArgumentException.class, f, "layout=dimuon,rows=5:", "starts beyond the 1");
    }

    @Test
    void aMappingFileDeclaresTheSameAsSettings() throws IOException {
        Path f = write(HEADER + "\n" + ROW + "\n");
        Path m = dir.resolve("dimuon.mapping");
        Files.writeString(
                m,
                "# Zmumu_Run2011A.csv without the layout name\ncount = 2\npt = pt{i}\n"
                        + "eta = eta{i}\nphi = phi{i}\ncharge = Q{i}\nflavour = mu\n"
                        + "ids = Run, Event\n");
        var a = DatasetSources.open("csv:" + f + "?mapping=" + m, Map.of());
        var b = DatasetSources.open("csv:" + f + "?layout=dimuon", Map.of());
        org.junit.jupiter.api.Assertions.assertEquals(a.graphs(), b.graphs());
        org.junit.jupiter.api.Assertions.assertEquals(
                a.idColumns().keySet(), b.idColumns().keySet());
        Files.writeString(m, "count = 2\nmomentum = pt{i}\n");
        fails(DataFormatException.class, f, "mapping=" + m, "line 2", "'momentum = pt{i}'");
    }

    @Test
    void quotedFieldsCrlfAndAByteOrderMarkAreRead() throws IOException {
        Path f =
                write(
                        "\uFEFF"
                                + HEADER.replace("pt1", "\"pt1\"")
                                + "\r\n\r\n"
                                + ROW.replace("45.2", "\"45.2\"")
                                + "\r\n");
        var ds = DatasetSources.open("csv:" + f + "?layout=dimuon", Map.of());
        org.junit.jupiter.api.Assertions.assertEquals(1, ds.size());
        org.junit.jupiter.api.Assertions.assertEquals(45.2f, ds.graphs().get(0).x()[0]);
    }
}
