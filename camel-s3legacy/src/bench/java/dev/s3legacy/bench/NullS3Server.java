package dev.s3legacy.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trivial S3 stand-in on 127.0.0.1 for large-object throughput: PUT bodies (plain, chunked or
 * aws-chunked) are read and discarded, GET serves {@code getSize} bytes of a repeating pattern from
 * memory, and multipart initiate/part/complete are answered so multipart clients work. It checks no
 * signature and stores nothing: it measures the client, not a store.
 */
public final class NullS3Server implements AutoCloseable {

    private static final byte[] PATTERN = new byte[1 << 20];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) (i * 31 + 7);
        }
    }

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "null-s3");
        t.setDaemon(true);
        return t;
    });
    private final long getSize;
    private final AtomicLong bytesReceived = new AtomicLong();
    private volatile boolean closed;

    public NullS3Server(long getSize) throws IOException {
        this.getSize = getSize;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** The byte at a position of every GET body, for checking what a client read. */
    public static byte patternAt(long position) {
        return PATTERN[(int) (position % PATTERN.length)];
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
             OutputStream out = socket.getOutputStream()) {
            byte[] buf = new byte[1 << 16];
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new HashMap<>();
                for (String line; !(line = readLine(in)).isEmpty(); ) {
                    int c = line.indexOf(':');
                    headers.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).trim());
                }
                String[] parts = requestLine.split(" ");
                String method = parts[0];
                String target = parts[1];
                if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                drainBody(in, headers, buf);
                respond(out, method, target, headers.get("range"));
            }
        } catch (SocketException e) {
            // client went away
        } catch (IOException e) {
            if (!closed) {
                e.printStackTrace();
            }
        }
    }

    private void drainBody(InputStream in, Map<String, String> headers, byte[] buf) throws IOException {
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String sizeLine = readLine(in);
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers
                    }
                    return;
                }
                skip(in, size, buf);
                readLine(in);
            }
        } else if (length != null) {
            skip(in, Long.parseLong(length), buf);
        }
    }

    private void skip(InputStream in, long n, byte[] buf) throws IOException {
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("body ended early");
            }
            n -= r;
            bytesReceived.addAndGet(r);
        }
    }

    private void respond(OutputStream out, String method, String target, String range) throws IOException {
        String etag = "\"0123456789abcdef0123456789abcdef\"";
        if (method.equals("POST") && target.contains("uploads")) {
            xml(out, "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>null-upload</UploadId>"
                    + "</InitiateMultipartUploadResult>");
        } else if (method.equals("POST") && target.contains("uploadId")) {
            xml(out, "<CompleteMultipartUploadResult><Location>l</Location><Bucket>b</Bucket><Key>k</Key>"
                    + "<ETag>\"0123456789abcdef0123456789abcdef-1\"</ETag></CompleteMultipartUploadResult>");
        } else if (method.equals("GET") || method.equals("HEAD")) {
            // a single "bytes=first-last" range is served as 206, as S3 does; anything else whole
            long first = 0;
            long last = getSize - 1;
            boolean partial = false;
            if (range != null && range.startsWith("bytes=") && !range.contains(",") && getSize > 0) {
                String[] r = range.substring(6).split("-", -1);
                first = Long.parseLong(r[0].trim());
                last = r[1].isBlank() ? getSize - 1 : Math.min(getSize - 1, Long.parseLong(r[1].trim()));
                partial = true;
            }
            long length = last - first + 1;
            String head = (partial ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + first + "-" + last + "/" + getSize + "\r\n"
                    : "HTTP/1.1 200 OK\r\n") + "Content-Length: " + length + "\r\nContent-Type: application/octet-stream\r\n"
                    + "ETag: \"0123456789abcdef0123456789abcdef-1\"\r\nLast-Modified: Thu, 26 Nov 2026 00:00:00 GMT\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (method.equals("GET")) {
                long position = first;
                long left = length;
                while (left > 0) {
                    int p = (int) (position % PATTERN.length);
                    int n = (int) Math.min(PATTERN.length - p, left);
                    out.write(PATTERN, p, n);
                    left -= n;
                    position += n;
                }
            }
            out.flush();
        } else if (method.equals("DELETE")) {
            out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } else {
            String head = "HTTP/1.1 200 OK\r\nETag: " + etag + "\r\nContent-Length: 0\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static void xml(OutputStream out, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: " + b.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        pool.shutdownNow();
    }

    /** Standalone: {@code java NullS3Server <getSizeBytes>} prints its port and serves until killed. */
    public static void main(String[] args) throws Exception {
        NullS3Server s = new NullS3Server(Long.parseLong(args[0]));
        System.out.println(s.port());
        Thread.currentThread().join();
    }

    static byte[] pattern() {
        return Arrays.copyOf(PATTERN, PATTERN.length);
    }
}
