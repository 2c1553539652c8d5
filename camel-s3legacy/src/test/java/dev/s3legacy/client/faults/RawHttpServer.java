package dev.s3legacy.client.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 whose answers are written byte by byte by the test: for
 * framing faults (a body shorter than its Content-Length, a body that stalls half way) that a
 * full HTTP server would not produce. One request per connection; the script owns the socket.
 */
final class RawHttpServer implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        /** Answers request number {@code n} (1-based); the socket is closed afterwards unless the script stalls. */
        void answer(int n, String requestHead, OutputStream out, RawHttpServer server) throws Exception;
    }

    private final ServerSocket server;
    private final Script script;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    RawHttpServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.script = script;
        Thread acceptor = new Thread(this::acceptLoop, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The request heads received so far (request line and headers). */
    List<String> requests() {
        return requests;
    }

    /** Blocks the answering thread until the server is closed: a peer that stops sending. */
    void stall() throws InterruptedException {
        closed.await(30, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "raw-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            String head = readHead(s.getInputStream());
            if (head == null) {
                return;
            }
            requests.add(head);
            int n = requests.size();
            OutputStream out = s.getOutputStream();
            script.answer(n, head, out, this);
            out.flush();
        } catch (Exception e) {
            // the client went away: nothing to do
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** Writes a status line and headers (CRLF-terminated), Connection: close added. */
    static void writeHead(OutputStream out, String statusLine, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(statusLine).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
