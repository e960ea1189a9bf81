package org.hepgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPathsTest {

    @Test
    void environmentWinsOverPropertyWhichWinsOverDefault() {
        assertEquals(Path.of("/env"), DataPaths.dataRoot("/env", "/prop"));
        assertEquals(Path.of("/prop"), DataPaths.dataRoot(null, "/prop"));
        assertEquals(Path.of("/prop"), DataPaths.dataRoot(" ", "/prop"));
        assertEquals(DataPaths.DEFAULT_ROOT, DataPaths.dataRoot(null, null));
    }

    @Test
    void surefireSetsTheDataRootAndTheTuFoldersExist() {
        assertTrue(Files.isDirectory(DataPaths.dataRoot()), DataPaths.dataRoot().toString());
        assertTrue(Files.isRegularFile(DataPaths.tuDataset("AIDS").resolve("AIDS_A.txt")));
    }

    @Test
    void missingFolderNamesThePathAndTheVariable(@TempDir Path root) {
        DataFormatException e =
                assertThrows(
                        DataFormatException.class,
                        () -> DataPaths.existingFolder(root, "tudataset-glad", "NOPE"));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
        assertTrue(e.getMessage().contains("HEPGRAPH_DATA"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheDataSetsThatExistInsteadOfBlamingTheRoot() {
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class, () -> DataPaths.tuDataset("NO_SUCH_SET"));
        assertTrue(e.getMessage().contains("NO_SUCH_SET"), e.getMessage());
        assertTrue(e.getMessage().contains("AIDS, ENZYMES, MUTAG"), e.getMessage());
        assertTrue(e.getMessage().contains("Tox21_HSE,"), e.getMessage());
        assertFalse(e.getMessage().contains("HEPGRAPH_DATA"), e.getMessage());
    }

    @Test
    void namesWithSeparatorsAreRefused() {
        assertThrows(InvalidArgumentException.class, () -> DataPaths.tuDataset("../AIDS"));
    }
}
