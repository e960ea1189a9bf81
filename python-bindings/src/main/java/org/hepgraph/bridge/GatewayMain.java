package org.hepgraph.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import py4j.GatewayServer;

/**
 * The JVM that the Python package starts: {@code java <flags> -cp hepgraph.jar:lib/*
 * org.hepgraph.bridge.GatewayMain --connection-file PATH}.
 *
 * <p>It opens a Py4J gateway on 127.0.0.1 (loopback only), on a port the system picks, guarded by
 * an auth token drawn from {@link SecureRandom} for this launch; it writes port and token to {@code
 * PATH} (0600, see {@link ConnectionFile}); then it watches its standard input, which is a pipe
 * from the Python parent, and exits when that pipe closes: when Python calls {@code hg.shutdown()},
 * exits or is killed, the JVM goes too.
 */
public final class GatewayMain {

    private GatewayMain() {}

    public static void main(String[] args) throws IOException {
        Path connectionFile = parse(args);
        if (connectionFile == null) {
            System.err.println(
                    "usage: GatewayMain --connection-file PATH (started by the Python package"
                            + " 'hepgraph'; not meant to be run by hand)");
            System.exit(2);
            return;
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);

        GatewayServer.turnLoggingOff();
        GatewayServer server =
                new GatewayServer.GatewayServerBuilder()
                        .entryPoint(new HepgraphEntryPoint())
                        .javaAddress(InetAddress.getLoopbackAddress())
                        .javaPort(0)
                        .authToken(token)
                        .build();
        server.start(true);
        ConnectionFile.write(connectionFile, server.getListeningPort(), token);

        waitForEndOfInput(System.in);
        server.shutdown();
        System.exit(0);
    }

    /** Blocks until the parent closes our standard input (or it fails), ignoring what it sends. */
    static void waitForEndOfInput(InputStream in) {
        byte[] sink = new byte[256];
        try {
            while (in.read(sink) >= 0) {
                // the parent never writes; anything it does write is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, as EOF does
        }
    }

    private static Path parse(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--connection-file")) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }
}
