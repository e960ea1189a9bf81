package org.hepgraph;

/**
 * The root of every error hepgraph raises on purpose.
 *
 * <p>Each error carries a stable {@link #code()} (the Python side re-raises it as the matching
 * exception class) and a message that names what was wrong, where, and what to do about it.
 * Subclasses group the errors by what the user should look at: the input data, a file, or the
 * configuration.
 */
public class HepgraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public HepgraphException(String code, String message) {
        super(message);
        this.code = code;
    }

    public HepgraphException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable, machine-readable error code such as {@code "HG-GRAPH"}. */
    public String code() {
        return code;
    }

    /** Input data (a graph, a batch, a tensor) has the wrong shape, values or indices. */
    public static class InvalidGraphException extends HepgraphException {
        private static final long serialVersionUID = 1L;

        public InvalidGraphException(String message) {
            super("HG-GRAPH", message);
        }
    }

    /** An argument or configuration value is out of range or inconsistent. */
    public static class InvalidArgumentException extends HepgraphException {
        private static final long serialVersionUID = 1L;

        public InvalidArgumentException(String message) {
            super("HG-ARG", message);
        }
    }

    /** A file is missing, truncated, corrupt or not in the expected format. */
    public static class DataFormatException extends HepgraphException {
        private static final long serialVersionUID = 1L;

        public DataFormatException(String message) {
            super("HG-FORMAT", message);
        }

        public DataFormatException(String message, Throwable cause) {
            super("HG-FORMAT", message, cause);
        }
    }

    /** Training cannot go on: the loss or the gradients stopped being finite. */
    public static class TrainingException extends HepgraphException {
        private static final long serialVersionUID = 1L;

        public TrainingException(String message) {
            super("HG-TRAIN", message);
        }
    }

    /** A saved model cannot be read back (unknown format version, missing entries). */
    public static class ModelFormatException extends HepgraphException {
        private static final long serialVersionUID = 1L;

        public ModelFormatException(String message) {
            super("HG-MODEL", message);
        }

        public ModelFormatException(String message, Throwable cause) {
            super("HG-MODEL", message, cause);
        }
    }
}
