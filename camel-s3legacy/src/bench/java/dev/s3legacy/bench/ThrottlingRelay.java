package dev.s3legacy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 that makes the loopback look like a network path to a store: each request chunk
 * (client to server) is forwarded {@code latencyMillis} late, and each connection's responses (server to
 * client) are paced to {@code bytesPerSecond}, as one TCP connection to S3 rarely carries more than ~100 MB/s.
 * A client that opens several connections gets several times the rate; one that opens one does not.
 */
public final class ThrottlingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final long bytesPerSecond;
    private final long latencyMillis;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "relay");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public ThrottlingRelay(int targetPort, long bytesPerSecond, long latencyMillis) throws IOException {
        this.targetPort = targetPort;
        this.bytesPerSecond = bytesPerSecond;
        this.latencyMillis = latencyMillis;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        pool.execute(this::accept);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pool.execute(() -> pump(client, upstream, false));
                pool.execute(() -> pump(upstream, client, true));
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    /** Copies one direction: requests late by the latency, responses at the paced rate. */
    private void pump(Socket from, Socket to, boolean paced) {
        byte[] buffer = new byte[64 * 1024];
        long start = System.nanoTime();
        long sent = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!paced) {
                    TimeUnit.MILLISECONDS.sleep(latencyMillis);
                    out.write(buffer, 0, n);
                    continue;
                }
                out.write(buffer, 0, n);
                sent += n;
                long due = start + sent * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (wait < -100_000_000L) {
                    // idle between responses: the rate applies to what flows, not to the time the connection sat idle
                    start = System.nanoTime();
                    sent = 0;
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        pool.shutdownNow();
    }
}
