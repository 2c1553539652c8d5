package dev.s3legacy.cluster;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.h2.tools.Server;

/**
 * An H2 TCP server in a JVM of its own, listening on 127.0.0.1 only (h2.bindAddress is set on that JVM's command
 * line, never in the test JVM): the shared database of the several-nodes tests. Its databases are in memory.
 */
final class H2Process implements AutoCloseable {

    private final ForkedJvm jvm;
    private final int port;

    private H2Process(ForkedJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    static H2Process start(Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = dir.resolve("h2.log");
        ForkedJvm jvm = ForkedJvm.start(H2Process.class, "64m", List.of("-Dh2.bindAddress=127.0.0.1"),
                List.of(String.valueOf(port)), log);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.readString(log).contains("H2-READY")) {
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                jvm.kill();
                throw new IllegalStateException("H2 did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return new H2Process(jvm, port);
    }

    /** A database in the server's memory, kept while the server runs. */
    String url(String database) {
        // H2 gives up on a locked row after 1 s by default; a loaded test machine needs longer (PostgreSQL waits)
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + database + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    }

    public static void main(String[] args) throws Exception {
        ForkedJvm.haltWithParent();
        Server server = Server.createTcpServer("-tcpPort", args[0], "-ifNotExists").start();
        System.out.println("H2-READY " + server.getURL());
        System.out.flush();
        ForkedJvm.awaitStdinEnd();
        server.stop();
    }

    @Override
    public void close() throws Exception {
        jvm.close();
    }
}
