package org.hepgraph.io.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * A private directory in shared memory for the data plane's Arrow IPC files.
 *
 * <p>{@link #create()} makes {@code /dev/shm/hepgraph-<uid>-<pid>-<session>} with mode 0700 and,
 * first, removes the directories of this user whose process is no longer alive (left by a crash or
 * a SIGKILL). Files it names ({@link #newFile}) are created 0600 by the writers. {@link #close()}
 * removes the directory and everything in it. {@link #open(Path)} joins a directory another process
 * owns (Python's): it checks owner and mode, and on close removes only the files it named.
 */
public final class SharedMemoryExchange implements AutoCloseable {

    /** Where directories go by default. */
    public static final Path DEFAULT_PARENT = Path.of("/dev/shm");

    /** Directory names start with this, then {@code <uid>-<pid>-<session>}. */
    public static final String PREFIX = "hepgraph-";

    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final boolean owned;
    private final List<Path> named = new ArrayList<>();
    private final AtomicLong counter = new AtomicLong();
    private boolean closed;

    private SharedMemoryExchange(Path directory, boolean owned) {
        this.directory = directory;
        this.owned = owned;
    }

    /**
     * A new private directory under {@link #DEFAULT_PARENT} (or {@code java.io.tmpdir} where there
     * is no {@code /dev/shm}), after removing stale ones.
     */
    public static SharedMemoryExchange create() {
        return create(defaultParent());
    }

    /** {@code /dev/shm} where it exists, else {@code java.io.tmpdir}. */
    public static Path defaultParent() {
        return Files.isDirectory(DEFAULT_PARENT)
                ? DEFAULT_PARENT
                : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A new private directory (0700) under {@code parent}, after removing stale ones. */
    public static SharedMemoryExchange create(Path parent) {
        removeStale(parent);
        long uid = currentUid();
        long pid = ProcessHandle.current().pid();
        byte[] r = new byte[4];
        new java.security.SecureRandom().nextBytes(r);
        Path dir = parent.resolve(PREFIX + uid + "-" + pid + "-" + HexFormat.of().formatHex(r));
        try {
            Files.createDirectory(dir, attribute(DIR_MODE));
            Files.setPosixFilePermissions(dir, DIR_MODE); // umask may have narrowed it further
        } catch (IOException e) {
            throw new DataFormatException(
                    "SharedMemoryExchange: cannot create "
                            + dir
                            + ": "
                            + e
                            + "; check that "
                            + parent
                            + " exists and is writable, or pass another parent directory",
                    e);
        }
        return new SharedMemoryExchange(dir, true);
    }

    /**
     * Joins an existing directory (made by another process of this user): it must be owned by this
     * user and have mode 0700. Closing removes only the files named through this object.
     */
    public static SharedMemoryExchange open(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidArgumentException(
                        "SharedMemoryExchange.open: " + dir + " is not a directory");
            }
            Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (((Number) owner).longValue() != currentUid()) {
                throw new InvalidArgumentException(
                        String.format(
                                "SharedMemoryExchange.open: %s belongs to uid %s, not to this"
                                        + " user (uid %d); use a directory of your own",
                                dir, owner, currentUid()));
            }
            Set<PosixFilePermission> mode =
                    Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!mode.equals(DIR_MODE)) {
                throw new InvalidArgumentException(
                        String.format(
                                "SharedMemoryExchange.open: %s has mode %s but must be private"
                                        + " (rwx------, 0700)",
                                dir, PosixFilePermissions.toString(mode)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SharedMemoryExchange(dir, false);
    }

    /**
     * Removes every {@code hepgraph-<uid>-<pid>-*} directory of this user under {@code parent}
     * whose process is not alive; returns what it removed.
     */
    public static List<Path> removeStale(Path parent) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        String mine = PREFIX + currentUid() + "-";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, mine + "*")) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(mine.length());
                int dash = rest.indexOf('-');
                String pidText = dash < 0 ? rest : rest.substring(0, dash);
                long pid;
                try {
                    pid = Long.parseLong(pidText);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!isAlive(pid) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /**
     * Whether {@code pid} runs; a zombie (killed, not yet reaped) holds nothing and counts as gone.
     */
    static boolean isAlive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterName.startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true; // no /proc: trust ProcessHandle
        }
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /**
     * A fresh file name in the directory ({@code <prefix>-<n>.arrow}), not yet created: the writers
     * create it with mode 0600. It is removed on {@link #close()}.
     */
    public synchronized Path newFile(String prefix) {
        if (closed) {
            throw new IllegalStateException("SharedMemoryExchange: " + directory + " is closed");
        }
        if (!prefix.matches("[A-Za-z0-9_.]+")) {
            throw new InvalidArgumentException(
                    "SharedMemoryExchange.newFile: prefix '"
                            + prefix
                            + "' must be letters, digits, '_' or '.'");
        }
        Path p = directory.resolve(prefix + "-" + counter.incrementAndGet() + ".arrow");
        named.add(p);
        return p;
    }

    /** Removes the directory (if this object created it) or the files it named. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (owned) {
                deleteTree(directory);
            } else {
                for (Path p : named) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uid of this process (from {@code /proc/self}). */
    public static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return "SharedMemoryExchange(" + directory + (owned ? ", owned" : ", joined") + ")";
    }
}
