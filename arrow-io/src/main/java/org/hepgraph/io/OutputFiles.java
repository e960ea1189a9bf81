package org.hepgraph.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Checks on the files a run will read or write, made before any work starts: a model that trains
 * for an hour must not fail at the end because {@code -o} points into a missing folder.
 */
public final class OutputFiles {

    private OutputFiles() {}

    /**
     * Refuses {@code file} as an output unless it can be written: it must not be a directory, its
     * folder must exist and be writable, and an existing file must be writable.
     *
     * @param option the argument that named it, e.g. {@code -o}
     */
    public static void checkWritableFile(Path file, String option) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new InvalidArgumentException(
                    option
                            + " "
                            + file
                            + " is a directory; give a file name, e.g. "
                            + file
                            + "/"
                            + suggestedName(option));
        }
        checkFolder(abs.getParent(), option, file);
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new InvalidArgumentException(
                    option
                            + " "
                            + file
                            + " exists and cannot be written; check its permissions"
                            + " or choose another file");
        }
    }

    /**
     * Refuses {@code folder} as an output folder unless it is a writable folder, or can be created
     * in a writable existing folder.
     */
    public static void checkWritableFolder(Path folder, String option) {
        Path abs = folder.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidArgumentException(
                    option + " " + folder + " is a file, not a folder; give a folder name");
        }
        if (Files.isDirectory(abs)) {
            if (!Files.isWritable(abs)) {
                throw new InvalidArgumentException(
                        option
                                + " "
                                + folder
                                + " cannot be written; check its permissions or"
                                + " choose another folder");
            }
            return;
        }
        checkFolder(abs.getParent(), option, folder);
    }

    /** Refuses {@code file} as an input unless it is an existing regular file. */
    public static void checkReadableFile(Path file, String option, String fix) {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(
                    option + " " + file.toAbsolutePath() + " is a directory; give a file, " + fix);
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(
                    option + " " + file.toAbsolutePath() + " does not exist; " + fix);
        }
        if (!Files.isReadable(file)) {
            throw new DataFormatException(
                    option
                            + " "
                            + file.toAbsolutePath()
                            + " cannot be read; check its"
                            + " permissions");
        }
    }

    private static void checkFolder(Path parent, String option, Path given) {
        if (parent == null) {
            return;
        }
        if (!Files.isDirectory(parent)) {
            throw new InvalidArgumentException(
                    option
                            + " "
                            + given
                            + ": the folder "
                            + parent
                            + " does not exist; create it"
                            + " first (mkdir -p "
                            + parent
                            + ") or choose another place");
        }
        if (!Files.isWritable(parent)) {
            throw new InvalidArgumentException(
                    option
                            + " "
                            + given
                            + ": the folder "
                            + parent
                            + " cannot be written; check"
                            + " its permissions or choose another place");
        }
    }

    private static String suggestedName(String option) {
        return switch (option) {
            case "--csv" -> "scores.csv";
            case "--json" -> "results.json";
            default -> "model.hgmodel";
        };
    }
}
