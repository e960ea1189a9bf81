package org.hepgraph.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands the gateway's port and auth token to the Python process that started this JVM, as PySpark
 * does: a small JSON file at a path Python chose, readable by its owner only (0600), never a
 * command-line argument (which any local user can read in {@code /proc}).
 *
 * <p>The file is first written under a temporary name in the same folder, created 0600 from the
 * start (no window in which it is readable by others), then moved into place atomically, so Python
 * never reads half a file.
 */
final class ConnectionFile {

    private ConnectionFile() {}

    static void write(Path target, int port, String token) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("port", port);
        content.put("token", token);
        content.put("pid", ProcessHandle.current().pid());
        byte[] json = new ObjectMapper().writeValueAsBytes(content);
        Path tmp =
                Files.createTempFile(
                        dir,
                        ".connection-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, json);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
