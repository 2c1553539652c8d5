package dev.s3legacy.hugebucket;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in S3 for one huge bucket, on 127.0.0.1: it makes its listing up (keys k0000000, k0000001, ... in
 * pages of 1,000 after the marker, no state held), answers every HEAD with an object and every DELETE with 204,
 * and checks no signature. s3proxy is too slow to hold a million keys.
 */
final class StubListingServer implements AutoCloseable {

    static final String ETAG = "0123456789abcdef0123456789abcdef";

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final int keys;
    final AtomicLong listings = new AtomicLong();
    final AtomicLong heads = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();

    StubListingServer(int keys) throws IOException {
        this.keys = keys;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String key(int i) {
        return String.format("k%07d", i);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            switch (exchange.getRequestMethod()) {
                case "GET" -> list(exchange);
                case "HEAD" -> {
                    heads.incrementAndGet();
                    exchange.getResponseHeaders().add("ETag", "\"" + ETAG + "\"");
                    exchange.getResponseHeaders().add("Content-Length", "1");
                    exchange.getResponseHeaders().add("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
                    exchange.sendResponseHeaders(200, -1);
                }
                case "DELETE" -> {
                    deletes.incrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        listings.incrementAndGet();
        String marker = null;
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("marker=")) {
                    marker = URLDecoder.decode(pair.substring("marker=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        int from = marker == null ? 0 : Integer.parseInt(marker.substring(1)) + 1;
        int to = Math.min(keys, from + 1000);
        StringBuilder xml = new StringBuilder(200_000).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>big</Name><Prefix></Prefix>")
                .append("<MaxKeys>1000</MaxKeys><IsTruncated>").append(to < keys).append("</IsTruncated>");
        for (int i = from; i < to; i++) {
            xml.append("<Contents><Key>").append(key(i)).append("</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>&quot;")
                    .append(ETAG).append("&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        byte[] body = xml.append("</ListBucketResult>").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
