package dev.s3legacy;

import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.s3legacy.client.ObjectWriteOptions;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.SseCustomerKey;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.ListEntry;
import dev.s3legacy.test.ForwardProxy;
import dev.s3legacy.test.GeneratedStream;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * moveAfterRead of an object above CopyObject's limit goes by multipart copy (issue 13, test 7). The limit
 * (5 GiB) is lowered for the test through the endpoint's internal switch; against s3proxy, byte-exact, and a
 * failing part copy aborts the upload and leaves the source in place.
 */
class MultipartCopyMoveTest {

    private static final long MIB = 1024 * 1024;
    private static final long LIMIT = 6 * MIB;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private static S3ProxyServer server;
    private static S3Connection s3;
    private CamelContext camel;
    private ForwardProxy proxy;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).build());
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @AfterEach
    void stopCamel() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static String newBucket(String hint) {
        String bucket = "mpmove" + BUCKETS.incrementAndGet() + "-" + hint;
        s3.createBucket(bucket);
        return bucket;
    }

    private static String put(String bucket, String key, long size, long seed, ObjectWriteOptions options) throws Exception {
        try (InputStream data = new GeneratedStream(size, seed);
             S3Response r = s3.execute(options.applyTo(S3Requests.put(bucket, key, RequestBody.ofStream(data, size),
                     "application/x-test", Map.of("origin", "seed-" + seed))))) {
            return r.eTag();
        }
    }

    private static String sha256Of(String bucket, String key, ObjectWriteOptions options) throws Exception {
        try (S3Response get = s3.execute(options.applyToRead(S3Requests.get(bucket, key)))) {
            return GeneratedStream.sha256(get.body().openStream());
        }
    }

    private static Set<String> keys(String bucket) {
        Set<String> keys = new TreeSet<>();
        for (ListBucketResponse page : s3.listBucketPages(bucket, null, null, null)) {
            for (ListEntry e : page.getEntries()) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Starts a route consuming {@code uri} with the copy limit lowered to {@link #LIMIT}; returns the keys delivered. */
    private Map<String, Integer> consume(String uri) throws Exception {
        camel = new DefaultCamelContext();
        S3LegacyEndpoint endpoint = camel.getEndpoint(uri, S3LegacyEndpoint.class);
        endpoint.copyLimit(LIMIT);
        Map<String, Integer> delivered = new ConcurrentHashMap<>();
        camel.addRoutes(new RouteBuilder() {
            public void configure() {
                from(endpoint).process(e -> delivered.merge(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class), 1, Integer::sum));
            }
        });
        camel.start();
        return delivered;
    }

    private static String uri(String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&includeBody=false&delay=50&initialDelay=0&partSize=" + 5 * MIB
                + "&" + options;
    }

    @Test
    void anObjectAboveTheLimitIsMovedByMultipartCopyByteExact() throws Exception {
        String source = newBucket("src");
        String archive = newBucket("archive");
        long size = 13 * MIB + 777;
        put(source, "in/big.bin", size, 11, ObjectWriteOptions.NONE);
        String smallETag = put(source, "in/small.bin", MIB, 12, ObjectWriteOptions.NONE);

        consume(uri(source, "moveAfterRead=true&destinationBucket=" + archive + "&destinationPrefix=moved/"));

        await("both moved", () -> keys(source).isEmpty() && keys(archive).size() == 2);
        assertThat(keys(archive)).containsExactly("moved/in/big.bin", "moved/in/small.bin");
        assertThat(sha256Of(archive, "moved/in/big.bin", ObjectWriteOptions.NONE))
                .isEqualTo(GeneratedStream.sha256(new GeneratedStream(size, 11)));
        try (S3Response big = s3.head(archive, "moved/in/big.bin"); S3Response small = s3.head(archive, "moved/in/small.bin")) {
            // 13 MiB in 5 MiB parts: a multipart object of 3 parts, with the source's content type and metadata
            assertThat(big.eTag()).endsWith("-3");
            assertThat(big.contentLength()).isEqualTo(size);
            assertThat(big.contentType()).isEqualTo("application/x-test");
            assertThat(big.metadata()).containsEntry("origin", List.of("seed-11"));
            // below the limit: one CopyObject, which keeps the ETag
            assertThat(small.eTag()).isEqualTo(smallETag);
        }
        assertThat(s3.execute(S3Requests.listMultipartUploads(archive))).doesNotContain("<UploadId>");
    }

    @Test
    void anSseCObjectIsMovedByMultipartCopyWithItsKey() throws Exception {
        String source = newBucket("ssec");
        String archive = newBucket("ssec-archive");
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        String key = Base64.getEncoder().encodeToString(raw);
        ObjectWriteOptions sseC = ObjectWriteOptions.builder().customerKey(SseCustomerKey.ofBase64("test key", key)).build();
        long size = 7 * MIB + 5;
        put(source, "secret.bin", size, 21, sseC);

        consume(uri(source, "moveAfterRead=true&destinationBucket=" + archive + "&customerKey=RAW(" + key + ")"));

        await("moved", () -> keys(source).isEmpty() && keys(archive).contains("secret.bin"));
        assertThat(sha256Of(archive, "secret.bin", sseC)).isEqualTo(GeneratedStream.sha256(new GeneratedStream(size, 21)));
        // encrypted with the same key: unreadable without it
        try {
            s3.get(archive, "secret.bin").close();
            throw new AssertionError("the moved copy was readable without the customer key");
        } catch (S3LegacyException expected) {
            assertThat(expected.getStatusCode()).isBetween(400, 499);
        }
    }

    @Test
    void aFailingPartCopyAbortsAndLeavesTheSourceInPlace() throws Exception {
        String source = newBucket("failing");
        String archive = newBucket("failing-archive");
        long size = 16 * MIB;
        String eTag = put(source, "big.bin", size, 31, ObjectWriteOptions.NONE);
        proxy = ForwardProxy.open();
        // part 2 of the multipart copy is refused (403 AccessDenied, not retried)
        proxy.refuse = line -> line.startsWith("PUT ") && line.contains("partNumber=2&") && line.contains("uploadId=");

        Map<String, Integer> delivered = consume(uri(source, "moveAfterRead=true&destinationBucket=" + archive
                + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port()));

        await("the upload aborted", () -> proxy.forwarded.stream().anyMatch(l -> l.startsWith("DELETE ") && l.contains("uploadId=")));
        assertThat(proxy.refusedLines).hasSize(1);
        assertThat(delivered).containsEntry("big.bin", 1);
        try (S3Response head = s3.head(source, "big.bin")) {
            assertThat(head.eTag()).as("the source is untouched").isEqualTo(eTag);
        }
        assertThat(sha256Of(source, "big.bin", ObjectWriteOptions.NONE)).isEqualTo(GeneratedStream.sha256(new GeneratedStream(size, 31)));
        assertThat(keys(archive)).isEmpty();
        assertThat(s3.execute(S3Requests.listMultipartUploads(archive))).doesNotContain("<UploadId>");
        // no delete of the source went through
        assertThat(proxy.forwarded).noneMatch(l -> l.startsWith("DELETE ") && !l.contains("uploadId="));
    }
}
