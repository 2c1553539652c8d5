package dev.s3legacy.chaos;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting HTTP/1.1 relay on 127.0.0.1 between a client and one upstream server. It relays a
 * connection's exchanges one at a time (request, then its whole response), so each request can be
 * faulted on its own even though the client keeps connections alive. Being a relay at the byte
 * level of each message, it keeps the Host header (and so a signature over it) as the client sent it.
 *
 * <p>The fault for a request is drawn from a random seeded by the proxy's seed, the request line and
 * how many times that request line was seen before: independent of thread scheduling, so one seed
 * gives the same faults for the same sequence of requests.
 */
public final class ChaosHttpProxy implements AutoCloseable {

    /** What the proxy does to one request. */
    public enum Fault {
        /** relayed untouched */
        PASS(false),
        /** relayed after a pause (not a failure) */
        DELAY(false),
        /** the connection is reset before the request reaches the server */
        RESET_BEFORE_REQUEST(true),
        /** the server gets the request; the client gets part of the response and then a reset */
        RESET_MID_RESPONSE(true),
        /** the server gets the request; the client gets part of the response and then a clean close (EOF) */
        CLOSE_MID_RESPONSE(true),
        /** the server never sees the request; the client gets 503 SlowDown (connection kept alive) */
        SLOWDOWN_503(true),
        /** the server performs the request; the client gets 500 InternalError instead of its answer */
        ERROR_500_AFTER_SERVER(true),
        /** the server gets the request; the client gets the head and part of the body, then silence until its read timeout */
        STALL_MID_RESPONSE(true);

        final boolean failure;

        Fault(boolean failure) {
            this.failure = failure;
        }

        public boolean isFailure() {
            return failure;
        }
    }

    private static final int MAX_HEAD = 64 * 1024;

    private final long seed;
    private final Map<Fault, Double> weights;
    private final int upstreamPort;
    private final long stallMillis;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicLong> counts = new EnumMap<>(Fault.class);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong unparsable = new AtomicLong();
    private final AtomicLong upstreamReconnects = new AtomicLong();
    private volatile boolean faultsEnabled = true;
    private volatile boolean closed;

    /**
     * @param weights chance of each fault per request (what is left over is {@link Fault#PASS})
     * @param stallMillis how long a stalled response stays silent before the proxy closes it
     */
    public ChaosHttpProxy(int upstreamPort, long seed, Map<Fault, Double> weights, long stallMillis) throws IOException {
        this.upstreamPort = upstreamPort;
        this.seed = seed;
        this.weights = new LinkedHashMap<>(weights);
        this.stallMillis = stallMillis;
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1.0) {
            throw new IllegalArgumentException("fault chances add up to more than 1: " + total);
        }
        for (Fault f : Fault.values()) {
            counts.put(f, new AtomicLong());
        }
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(this::acceptLoop, "chaos-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Off: every request is relayed untouched (and counted as {@link Fault#PASS}). */
    public void setFaultsEnabled(boolean enabled) {
        this.faultsEnabled = enabled;
    }

    public long requests() {
        return requests.get();
    }

    public long connections() {
        return connections.get();
    }

    /** Requests or responses the relay could not frame (it closed their connection); expected 0. */
    public long unparsable() {
        return unparsable.get();
    }

    /** Requests sent again on a fresh server connection because the server had closed the idle one. */
    public long upstreamReconnects() {
        return upstreamReconnects.get();
    }

    public long count(Fault fault) {
        return counts.get(fault).get();
    }

    public long failuresInjected() {
        return counts.entrySet().stream().filter(e -> e.getKey().failure).mapToLong(e -> e.getValue().get()).sum();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            open.add(client);
            Thread t = new Thread(() -> relay(client), "chaos-proxy-conn-" + connections.get());
            t.setDaemon(true);
            t.start();
        }
    }

    /** Relays one client connection: each request in turn, each with its own fault. */
    private void relay(Socket client) {
        Socket upstream = null;
        try {
            client.setTcpNoDelay(true);
            InputStream cin = new BufferedInputStream(client.getInputStream());
            OutputStream cout = client.getOutputStream();
            InputStream uin = null;
            OutputStream uout = null;
            int upstreamUses = 0;
            while (!closed) {
                Head request = readHead(cin);
                if (request == null) {
                    return; // client closed its connection
                }
                byte[] requestBody = readBody(cin, request, false);
                if (requestBody == null) {
                    unparsable.incrementAndGet();
                    return;
                }
                requests.incrementAndGet();
                Fault fault = decide(request.startLine);
                counts.get(fault).incrementAndGet();
                SplittableRandom random = randomFor("cut " + request.startLine, seen.get(request.startLine).get());

                if (fault == Fault.RESET_BEFORE_REQUEST) {
                    reset(client);
                    return;
                }
                if (fault == Fault.SLOWDOWN_503) {
                    cout.write(errorResponse(503, "Service Unavailable", "SlowDown", "Please reduce your request rate."));
                    cout.flush();
                    continue;
                }
                if (fault == Fault.DELAY) {
                    Thread.sleep(20 + random.nextInt(180));
                }
                Head response = null;
                byte[] responseBody = null;
                boolean head = request.method().equals("HEAD");
                for (int attempt = 0; attempt < 2 && response == null; attempt++) {
                    if (upstream == null || upstream.isClosed()) {
                        upstream = new Socket(InetAddress.getByName("127.0.0.1"), upstreamPort);
                        upstream.setTcpNoDelay(true);
                        open.add(upstream);
                        uin = new BufferedInputStream(upstream.getInputStream());
                        uout = upstream.getOutputStream();
                        upstreamUses = 0;
                    }
                    try {
                        uout.write(request.raw);
                        uout.write(requestBody);
                        uout.flush();
                        response = readHead(uin);
                    } catch (IOException e) {
                        response = null;
                    }
                    if (response == null) {
                        boolean reused = upstreamUses > 0;
                        closeQuietly(upstream);
                        upstream = null;
                        if (!reused) {
                            break;
                        }
                        upstreamReconnects.incrementAndGet(); // the server had closed an idle kept-alive connection
                    }
                }
                if (response == null) {
                    unparsable.incrementAndGet();
                    return;
                }
                upstreamUses++;
                responseBody = readBody(uin, response, head);
                if (responseBody == null) {
                    unparsable.incrementAndGet();
                    return;
                }
                int total = response.raw.length + responseBody.length;
                switch (fault) {
                    case ERROR_500_AFTER_SERVER -> {
                        cout.write(errorResponse(500, "Internal Server Error", "InternalError",
                                "We encountered an internal error. Please try again."));
                        cout.flush();
                        if (response.closes()) {
                            // the server ends its side; the client's connection (told nothing) stays open
                            closeQuietly(upstream);
                            upstream = null;
                        }
                    }
                    case RESET_MID_RESPONSE, CLOSE_MID_RESPONSE -> {
                        int cut = random.nextInt(total); // at least one byte short of the whole response
                        writeCut(cout, response.raw, responseBody, cut);
                        if (fault == Fault.RESET_MID_RESPONSE) {
                            reset(client);
                        } else {
                            client.shutdownOutput();
                            client.close();
                        }
                        return;
                    }
                    case STALL_MID_RESPONSE -> {
                        int cut = response.raw.length + responseBody.length / 2;
                        writeCut(cout, response.raw, responseBody, cut);
                        Thread.sleep(stallMillis);
                        client.close();
                        return;
                    }
                    default -> {
                        cout.write(response.raw);
                        cout.write(responseBody);
                        cout.flush();
                        if (response.closes() || request.closes()) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client or the server went away; nothing to relay any more
        } catch (RuntimeException e) {
            unparsable.incrementAndGet(); // a malformed length or chunk size
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private Fault decide(String startLine) {
        int occurrence = seen.computeIfAbsent(startLine, k -> new AtomicInteger()).incrementAndGet();
        if (!faultsEnabled) {
            return Fault.PASS;
        }
        double r = randomFor(startLine, occurrence).nextDouble();
        for (Map.Entry<Fault, Double> e : weights.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        return Fault.PASS;
    }

    private SplittableRandom randomFor(String text, int occurrence) {
        long h = seed;
        for (int i = 0; i < text.length(); i++) {
            h = h * 1_000_003L + text.charAt(i);
        }
        return new SplittableRandom(h * 31 + occurrence);
    }

    private static void writeCut(OutputStream out, byte[] head, byte[] body, int cut) throws IOException {
        if (cut <= head.length) {
            out.write(head, 0, cut);
        } else {
            out.write(head);
            out.write(body, 0, cut - head.length);
        }
        out.flush();
    }

    private static byte[] errorResponse(int status, String reason, String code, String message) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>CHAOS" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT)
                + "</RequestId></Error>";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/xml\r\nContent-Length: " + b.length
                + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(b);
        return out.toByteArray();
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // close() now sends RST
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private void closeQuietly(Socket s) {
        if (s != null) {
            open.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    // ---------------------------------------------------------------- HTTP/1.1 framing

    /** A request's or response's start line and headers, as the raw bytes to forward and parsed. */
    private static final class Head {
        final byte[] raw;
        final String startLine;
        final Map<String, String> headers;

        Head(byte[] raw, String startLine, Map<String, String> headers) {
            this.raw = raw;
            this.startLine = startLine;
            this.headers = headers;
        }

        String method() {
            int sp = startLine.indexOf(' ');
            return sp < 0 ? startLine : startLine.substring(0, sp);
        }

        int status() {
            String[] parts = startLine.split(" ", 3);
            return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        }

        boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", "").trim());
        }
    }

    /** Reads up to and including the blank line; null on end of stream before the first byte. */
    private static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        int state = 0; // matched bytes of \r\n\r\n
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new EOFException("end of stream inside a message head");
            }
            buf.write(b);
            if (buf.size() > MAX_HEAD) {
                throw new IOException("message head too large");
            }
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
        }
        byte[] raw = buf.toByteArray();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(raw, lines[0], headers);
    }

    /**
     * The body that follows a head, in its wire form (chunked stays chunked). Null if it cannot be
     * framed. A response without length or chunking runs to the end of the stream.
     */
    private static byte[] readBody(InputStream in, Head head, boolean responseToHead) throws IOException {
        int status = head.status();
        boolean isResponse = status >= 0;
        if (isResponse && (responseToHead || status / 100 == 1 || status == 204 || status == 304)) {
            return new byte[0];
        }
        String te = head.headers.get("transfer-encoding");
        if (te != null) {
            if (!te.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                return null;
            }
            return readChunked(in);
        }
        String cl = head.headers.get("content-length");
        if (cl != null) {
            long n = Long.parseLong(cl.trim());
            if (n > Integer.MAX_VALUE - 16) {
                return null;
            }
            return readExactly(in, (int) n);
        }
        return isResponse ? in.readAllBytes() : new byte[0];
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("end of stream inside a body");
        }
        return b;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, out);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                // trailers, then a blank line
                while (!readLine(in, out).isEmpty()) {
                    // a trailer
                }
                return out.toByteArray();
            }
            out.writeBytes(readExactly(in, size));
            if (!readLine(in, out).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    /** Reads a CRLF-terminated line, copying its bytes (CRLF included) to {@code copy}; returns it without CRLF. */
    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        StringBuilder sb = new StringBuilder();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of stream inside a chunked body");
            }
            copy.write(b);
            if (prev == '\r' && b == '\n') {
                sb.setLength(sb.length() - 1);
                return sb.toString();
            }
            sb.append((char) b);
            prev = b;
        }
    }
}
