package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.ListEntry;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared plumbing of the consumer tests: one in-process s3proxy per class, a client to seed and inspect
 * buckets directly (never through the consumer), plain Camel contexts that a test may stop and restart,
 * a poll counter to wait for whole polls, and bounded waits.
 */
abstract class ConsumerTestSupport {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    static S3ProxyServer server;
    static S3Connection s3;

    private final List<CamelContext> contexts = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
        s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).build());
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @AfterEach
    void stopContexts() {
        for (CamelContext context : contexts) {
            context.stop();
        }
        contexts.clear();
    }

    /** A new, empty bucket with a name no other test uses. */
    static String newBucket(String hint) {
        String bucket = "c" + BUCKETS.incrementAndGet() + "-" + hint;
        s3.createBucket(bucket);
        return bucket;
    }

    /** The consumer endpoint of {@code bucket} on the test server; {@code options} without a leading '&'. */
    static String uri(String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")" + (options.isEmpty() ? "" : "&" + options);
    }

    /** Puts an object and returns its ETag (unquoted). */
    static String put(String bucket, String key, String content) {
        try (S3Response r = s3.put(bucket, key, RequestBody.ofString(content))) {
            return r.eTag();
        }
    }

    static String put(String bucket, String key, String content, String contentType, Map<String, ?> metadata) {
        try (S3Response r = s3.put(bucket, key, RequestBody.ofString(content), contentType, metadata)) {
            return r.eTag();
        }
    }

    static boolean exists(String bucket, String key) {
        try (S3Response r = s3.head(bucket, key)) {
            return true;
        } catch (S3LegacyException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    static String content(String bucket, String key) throws Exception {
        try (S3Response r = s3.get(bucket, key)) {
            return new String(r.body().openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Every key of the bucket (all pages). */
    static Set<String> keys(String bucket) {
        Set<String> keys = new TreeSet<>();
        for (ListBucketResponse page : s3.listBucketPages(bucket, null, null, null)) {
            for (ListEntry e : page.getEntries()) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    /** Starts a new context with the beans and routes given; stopped after the test unless stopped before. */
    CamelContext start(Map<String, Object> beans, RouteBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        beans.forEach((name, bean) -> context.getRegistry().bind(name, bean));
        context.getShutdownStrategy().setTimeout(10);
        context.addRoutes(routes);
        contexts.add(context);
        context.start();
        return context;
    }

    /** Waits until the condition holds, at most {@code timeout}; fails with {@code what} otherwise. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what);
            }
        }
    }

    /**
     * A poll strategy ({@code pollStrategy=#polls}) that counts finished polls, so a test can wait for
     * whole polls to pass instead of sleeping, and records how long each poll took and what it delivered.
     */
    static final class PollCounter implements PollingConsumerPollStrategy {
        private final AtomicInteger finished = new AtomicInteger();
        private final List<Integer> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Long> nanos = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final ThreadLocal<Long> began = new ThreadLocal<>();
        private final List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            began.set(System.nanoTime());
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            Long start = began.get();
            if (start != null) {
                nanos.add(System.nanoTime() - start);
            }
            delivered.add(polledMessages);
            finished.incrementAndGet();
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            failures.add(cause);
            finished.incrementAndGet();
            return false;
        }

        int finished() {
            return finished.get();
        }

        /** Objects delivered by each committed poll, in order. */
        List<Integer> delivered() {
            return delivered;
        }

        /** Why each failed poll failed, in order. */
        List<Exception> failures() {
            return failures;
        }

        /** Duration of each committed poll, in order. */
        List<Long> nanos() {
            return nanos;
        }

        /** Waits until {@code n} more polls have finished after this call. */
        void awaitMore(int n, Duration timeout) {
            int target = finished() + n;
            await(n + " more polls", timeout, () -> finished() >= target);
        }
    }
}
