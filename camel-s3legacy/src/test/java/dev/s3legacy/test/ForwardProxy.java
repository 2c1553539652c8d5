package dev.s3legacy.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP forward proxy on 127.0.0.1 for tests: plain requests in absolute form are forwarded (one
 * upstream connection each, answered with {@code Connection: close}), CONNECT opens a byte tunnel. It
 * only goes to 127.0.0.1. With credentials it answers 407 to any request or CONNECT without the right
 * {@code Proxy-Authorization: Basic}, and it never passes that header upstream. It counts what it carried.
 */
public final class ForwardProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String expectedAuthorization;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Request lines of the plain requests forwarded, e.g. {@code GET http://127.0.0.1:123/b/k HTTP/1.1}. */
    public final List<String> forwarded = new CopyOnWriteArrayList<>();
    /** Targets of the tunnels opened, e.g. {@code 127.0.0.1:123}. */
    public final List<String> tunnels = new CopyOnWriteArrayList<>();
    /** Requests and CONNECTs answered 407. */
    public final AtomicInteger refused = new AtomicInteger();
    /**
     * Plain requests whose request line this matches are answered 403 AccessDenied (an S3 error document, not
     * retried by the client) instead of being forwarded; e.g. to fail one part of a multipart copy.
     */
    public volatile java.util.function.Predicate<String> refuse = line -> false;
    /** Request lines of the requests refused by {@link #refuse}. */
    public final List<String> refusedLines = new CopyOnWriteArrayList<>();
    /** The Proxy-Authorization values received (null for none), in order. */
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    private ForwardProxy(String username, String password) throws IOException {
        this.expectedAuthorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "forward-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ForwardProxy open() throws IOException {
        return new ForwardProxy(null, null);
    }

    public static ForwardProxy withCredentials(String username, String password) throws IOException {
        return new ForwardProxy(username, password);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "forward-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] requestLine = head.get(0).split(" ");
                String authorization = header(head, "Proxy-Authorization");
                authorizations.add(authorization);
                if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
                    refused.incrementAndGet();
                    long length = contentLength(head);
                    in.skipNBytes(Math.max(0, length));
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue; // the client may send again with credentials on this connection
                }
                if (requestLine[0].equals("CONNECT")) {
                    tunnel(client, requestLine[1]);
                } else {
                    forward(client, head, requestLine);
                }
                return;
            }
        } catch (IOException e) {
            // the client or the upstream went away
        } finally {
            open.remove(client);
        }
    }

    private void tunnel(Socket client, String target) throws IOException {
        int colon = target.lastIndexOf(':');
        try (Socket upstream = upstream(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
            tunnels.add(target);
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            Thread up = pump(client.getInputStream(), upstream.getOutputStream(), upstream);
            pump(upstream.getInputStream(), client.getOutputStream(), client).join();
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(Socket client, List<String> head, String[] requestLine) throws IOException {
        URI uri = URI.create(requestLine[1]);
        if (uri.getHost() == null) {
            throw new IOException("not an absolute-form request: " + head.get(0));
        }
        if (refuse.test(head.get(0))) {
            refusedLines.add(head.get(0));
            client.getInputStream().skipNBytes(Math.max(0, contentLength(head)));
            byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                    + "<Message>refused by the test proxy</Message></Error>").getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: " + error.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(error);
            out.flush();
            return;
        }
        forwarded.add(head.get(0));
        try (Socket upstream = upstream(uri.getHost(), uri.getPort())) {
            StringBuilder sb = new StringBuilder(requestLine[0] + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " " + requestLine[2] + "\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    sb.append(line).append("\r\n");
                }
            }
            sb.append("Connection: close\r\n\r\n");
            OutputStream up = upstream.getOutputStream();
            up.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(client.getInputStream().readNBytes((int) Math.max(0, contentLength(head))));
            up.flush();
            InputStream answer = upstream.getInputStream();
            List<String> responseHead = readHead(answer);
            StringBuilder rb = new StringBuilder();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    rb.append(line).append("\r\n");
                }
            }
            rb.append("Connection: close\r\n\r\n");
            OutputStream out = client.getOutputStream();
            out.write(rb.toString().getBytes(StandardCharsets.ISO_8859_1));
            answer.transferTo(out);
            out.flush();
        }
    }

    private static Socket upstream(String host, int port) throws IOException {
        if (!host.equals("127.0.0.1")) {
            throw new IOException("this test proxy only goes to 127.0.0.1, not " + host);
        }
        return new Socket(InetAddress.getByName("127.0.0.1"), port);
    }

    private static Thread pump(InputStream from, OutputStream to, Socket closeWhenDone) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
                to.flush();
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    closeWhenDone.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "forward-proxy-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The head's lines without the empty one, or null at the end of the stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return null;
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static long contentLength(List<String> head) {
        String value = header(head, "Content-Length");
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
