package dev.s3legacy.chaos;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.S3LegacyConsumer;
import dev.s3legacy.chaos.ChaosHttpProxy.Fault;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.SynchronizationAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer with {@code deleteAfterRead=true} against a server that fails a share of requests at
 * random (a seeded {@link ChaosHttpProxy} in front of s3proxy), with a route that fails a share of
 * exchanges too: every object is still delivered successfully exactly once, byte for byte, and is
 * deleted only after that success; none is lost, no spooled file is left behind.
 *
 * <p>Seed: {@value #DEFAULT_SEED}; another with {@code -Ds3legacy.chaos.seed=N}. The same seed gives
 * the same faults for the same sequence of requests.
 */
@Timeout(180)
class ConsumerChaosTest {

    static final long DEFAULT_SEED = 20_240_611L;
    static final int KEYS = 300;
    static final String BUCKET = "chaos-bucket";
    static final long SPOOL_THRESHOLD = 8192;
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** After the last delivery, how long the consumer keeps polling so a duplicate has a chance to show. */
    static final Duration SETTLE = Duration.ofMillis(1500);
    /** No delivery for this long ends the run early. */
    static final Duration STUCK = Duration.ofSeconds(15);

    /** Per request: ~15% fail, a few more are only slowed down. */
    static final Map<Fault, Double> FAULTS = faults();

    /** Per processing attempt of the route. */
    static final double ROUTE_FAIL_BEFORE_READ = 0.04;
    static final double ROUTE_FAIL_AFTER_READ = 0.08;
    static final double ROUTE_FAIL_TRANSIENT = 0.12; // Camel redelivers these within the exchange (body read again)

    @TempDir
    Path spoolDir;

    private static Map<Fault, Double> faults() {
        Map<Fault, Double> m = new EnumMap<>(Fault.class);
        m.put(Fault.DELAY, 0.04);
        m.put(Fault.RESET_BEFORE_REQUEST, 0.04);
        m.put(Fault.RESET_MID_RESPONSE, 0.04);
        m.put(Fault.CLOSE_MID_RESPONSE, 0.02);
        m.put(Fault.SLOWDOWN_503, 0.03);
        m.put(Fault.ERROR_500_AFTER_SERVER, 0.02);
        m.put(Fault.STALL_MID_RESPONSE, 0.003);
        return m;
    }

    static String keyOf(int i) {
        return switch (i % 10) {
            case 0 -> "chaos/with space/obj " + i;
            case 1 -> "chaos/ünï/" + i + ".bin";
            default -> String.format("chaos/k%04d", i);
        };
    }

    /** Distinct sizes from 0 bytes up; about half above the spool threshold, a few well above it. */
    static int sizeOf(int i) {
        return i % 50 == 49 ? 100_000 + i : i * 53;
    }

    static byte[] contentOf(long seed, int i) {
        byte[] b = new byte[sizeOf(i)];
        SplittableRandom r = new SplittableRandom(seed * 7919 + i);
        for (int j = 0; j < b.length; j++) {
            b[j] = (byte) r.nextInt(256);
        }
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The route's own failure draw for a key's n-th processing attempt, independent of timing. */
    static double routeDraw(long seed, String key, int attempt) {
        long h = seed ^ 0x5DEECE66DL;
        for (int i = 0; i < key.length(); i++) {
            h = h * 1_000_003L + key.charAt(i);
        }
        return new SplittableRandom(h * 31 + attempt).nextDouble();
    }

    static final class ChaosRouteException extends RuntimeException {
        ChaosRouteException(String message) {
            super(message, null, false, false);
        }
    }

    static final class TransientChaosRouteException extends RuntimeException {
        TransientChaosRouteException(String message) {
            super(message, null, false, false);
        }
    }

    /** Counts what the consumer reports instead of logging a stack trace for each injected failure. */
    static final class CountingExceptionHandler implements ExceptionHandler {
        final AtomicLong pollFailures = new AtomicLong();
        final AtomicLong exchangeFailures = new AtomicLong();
        final AtomicLong fetchFailures = new AtomicLong();
        final AtomicLong routeFailures = new AtomicLong();
        final Notes other = new Notes();
        final Notes fetchMessages = new Notes();

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            if (exchange == null) {
                pollFailures.incrementAndGet();
                if (!(exception instanceof S3LegacyException)) {
                    other.add("poll: " + exception);
                }
                return;
            }
            exchangeFailures.incrementAndGet();
            if (exception instanceof S3LegacyException) {
                fetchFailures.incrementAndGet();
                fetchMessages.add(message + ": " + exception.getMessage());
            } else if (exception instanceof ChaosRouteException || exception instanceof TransientChaosRouteException) {
                routeFailures.incrementAndGet();
            } else {
                other.add(message + ": " + exception);
            }
        }
    }

    static final class Notes extends ConcurrentLinkedQueue<String> {
    }

    @Test
    void everyObjectIsDeliveredExactlyOnceAndDeletedOnlyAfterSuccess() throws Exception {
        long seed = Long.getLong("s3legacy.chaos.seed", DEFAULT_SEED);
        System.out.println("[chaos] seed " + seed + " (rerun with -Ds3legacy.chaos.seed=" + seed + ")");

        try (S3ProxyServer server = S3ProxyServer.start();
             ChaosHttpProxy proxy = new ChaosHttpProxy(server.port(), seed, FAULTS, 1500)) {

            // ---- the objects, straight into s3proxy (not through the faulty proxy)
            Map<String, String> expectedSha = new LinkedHashMap<>();
            Map<String, Integer> expectedSize = new LinkedHashMap<>();
            Map<String, String> expectedMd5 = new LinkedHashMap<>();
            try (S3Connection direct = new S3Connection(S3ClientConfig.builder()
                    .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).endpoint(server.endpoint()).build())) {
                direct.createBucket(BUCKET);
                for (int i = 0; i < KEYS; i++) {
                    byte[] data = contentOf(seed, i);
                    direct.put(BUCKET, keyOf(i), RequestBody.ofBytes(data));
                    expectedSha.put(keyOf(i), sha256(data));
                    expectedSize.put(keyOf(i), data.length);
                    expectedMd5.put(keyOf(i), HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
                }
            }
            assertThat(server.blobStore().list(BUCKET).contents()).hasSize(KEYS);

            // ---- what the route sees
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>(); // processing that succeeded
            Map<String, AtomicInteger> completed = new ConcurrentHashMap<>(); // exchanges that completed successfully
            Notes violations = new Notes();
            AtomicLong routeFailBefore = new AtomicLong();
            AtomicLong routeFailAfter = new AtomicLong();
            AtomicLong routeFailTransient = new AtomicLong();
            AtomicLong bodiesRead = new AtomicLong();
            AtomicLong spooledBodies = new AtomicLong();
            CountingExceptionHandler handler = new CountingExceptionHandler();

            CamelContext context = new DefaultCamelContext();
            context.getShutdownStrategy().setTimeout(20);
            context.getRegistry().bind("chaosExceptionHandler", handler);
            String uri = "s3legacy:" + BUCKET + "?endpoint=" + proxy.endpoint()
                    + "&accessKey=" + S3ProxyServer.ACCESS_KEY + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")"
                    + "&deleteAfterRead=true&prefix=chaos/&maxKeys=50&maxMessagesPerPoll=40&delay=20&initialDelay=0"
                    + "&maxRetries=2&readTimeout=1s&requestTimeout=5s&connectTimeout=2s"
                    + "&spoolThreshold=" + SPOOL_THRESHOLD + "&spoolDirectory=" + spoolDir.toAbsolutePath()
                    + "&exceptionHandler=#chaosExceptionHandler";

            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false).logRetryAttempted(false));
                    onException(TransientChaosRouteException.class).maximumRedeliveries(2).redeliveryDelay(0)
                            .logExhausted(false).logRetryAttempted(false).logStackTrace(false);

                    from(uri).routeId("chaos").process(exchange -> {
                        String key = exchange.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        if (!expectedSha.containsKey(key)) {
                            violations.add("delivered a key that was never uploaded: " + key);
                        }
                        if (!server.blobStore().blobExists(BUCKET, key)) {
                            violations.add(key + ": gone from the bucket before processing attempt " + attempt);
                        }
                        if (exchange.getProperty("chaos.watched") == null) {
                            exchange.setProperty("chaos.watched", true);
                            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                                @Override
                                public void onComplete(Exchange done) {
                                    completed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                                }

                                @Override
                                public void onFailure(Exchange failed) {
                                    // runs after the consumer's own completion (lowest order): a failed
                                    // exchange must leave its object where it was
                                    if (!server.blobStore().blobExists(BUCKET, key)) {
                                        violations.add(key + ": gone from the bucket after a failed exchange");
                                    }
                                }

                                @Override
                                public int getOrder() {
                                    return Ordered.LOWEST;
                                }
                            });
                        }

                        double draw = routeDraw(seed, key, attempt);
                        if (draw < ROUTE_FAIL_BEFORE_READ) {
                            routeFailBefore.incrementAndGet();
                            throw new ChaosRouteException("injected before reading " + key);
                        }

                        Object body = exchange.getMessage().getBody();
                        if (body instanceof org.apache.camel.StreamCache sc && !sc.inMemory()) {
                            spooledBodies.incrementAndGet();
                        }
                        byte[] data;
                        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
                            data = in == null ? null : in.readAllBytes();
                        }
                        bodiesRead.incrementAndGet();
                        if (data == null || !sha256(data).equals(expectedSha.get(key))) {
                            violations.add(key + ": body differs from the upload (" + (data == null ? "null" : data.length
                                    + " bytes") + ", expected " + expectedSize.get(key) + ") on attempt " + attempt);
                            throw new IllegalStateException("corrupt body for " + key);
                        }
                        Long length = exchange.getMessage().getHeader(S3LegacyConstants.CONTENT_LENGTH, Long.class);
                        String etag = exchange.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class);
                        if (length == null || length != expectedSize.get(key).longValue()
                                || !expectedMd5.get(key).equals(etag)) {
                            violations.add(key + ": headers ContentLength=" + length + " ETag=" + etag);
                        }

                        if (draw < ROUTE_FAIL_AFTER_READ) {
                            routeFailAfter.incrementAndGet();
                            throw new ChaosRouteException("injected after reading " + key);
                        }
                        if (draw < ROUTE_FAIL_TRANSIENT) {
                            routeFailTransient.incrementAndGet();
                            throw new TransientChaosRouteException("injected (redelivered by Camel) after reading " + key);
                        }
                        // the last moment before success: the object must still be there
                        if (!server.blobStore().blobExists(BUCKET, key)) {
                            violations.add(key + ": gone from the bucket before its exchange succeeded");
                        }
                        delivered.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    });
                }
            });

            long start = System.nanoTime();
            context.start();
            long deadline = start + DEADLINE.toNanos();
            int lastCount = 0;
            long lastProgress = System.nanoTime();
            while (completed.size() < KEYS && System.nanoTime() < deadline && violations.isEmpty()) {
                Thread.sleep(50);
                if (completed.size() != lastCount) {
                    lastCount = completed.size();
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STUCK.toNanos()) {
                    break; // no delivery for a long while (each fault costs well under a second): it is stuck
                }
            }
            long convergedMillis = (System.nanoTime() - start) / 1_000_000;
            boolean converged = completed.size() == KEYS;
            Thread.sleep(SETTLE.toMillis()); // keep polling: a duplicate or a late deletion would show now
            // picked but never completed; the route has no exchange in progress between polls, so normally 0
            int inFlightAtEnd = ((S3LegacyConsumer) context.getRoute("chaos").getConsumer()).getInFlightCount();
            int camelInflight = context.getInflightRepository().size();
            context.getRouteController().stopRoute("chaos");
            context.stop();
            long runMillis = (System.nanoTime() - start) / 1_000_000;

            // ---- what is left
            Set<String> uploaded = expectedSha.keySet();
            Set<String> remaining = server.blobStore().list(BUCKET).contents().stream()
                    .map(software.amazon.awssdk.services.s3.model.S3Object::key).collect(Collectors.toCollection(TreeSet::new));
            Set<String> duplicates = new TreeSet<>();
            delivered.forEach((k, n) -> {
                if (n.get() > 1) {
                    duplicates.add(k + " x" + n.get());
                }
            });
            completed.forEach((k, n) -> {
                if (n.get() > 1) {
                    duplicates.add(k + " completed x" + n.get());
                }
            });
            Set<String> lost = new TreeSet<>();
            Set<String> undelivered = new TreeSet<>();
            for (String k : uploaded) {
                if (!completed.containsKey(k)) {
                    (remaining.contains(k) ? undelivered : lost).add(k);
                }
            }
            Set<String> leftAfterDelivery = new TreeSet<>(remaining);
            leftAfterDelivery.retainAll(completed.keySet());
            List<String> leftoverSpool;
            try (Stream<Path> files = Files.list(spoolDir)) {
                leftoverSpool = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            long deliveries = delivered.values().stream().mapToLong(AtomicInteger::get).sum();
            long totalAttempts = attempts.values().stream().mapToLong(AtomicInteger::get).sum();

            // ---- the summary
            List<String[]> rows = new ArrayList<>();
            rows.add(row("seed", seed));
            rows.add(row("keys uploaded", KEYS + " (" + spoolable() + " above spoolThreshold " + SPOOL_THRESHOLD + ")"));
            rows.add(row("converged", converged ? "yes, in " + convergedMillis + " ms"
                    : "NO, gave up after " + convergedMillis + " ms (deadline " + DEADLINE.toSeconds() + " s, or "
                    + STUCK.toSeconds() + " s without a delivery)"));
            rows.add(row("run (incl. settle + stop)", runMillis + " ms"));
            rows.add(row("requests proxied", proxy.requests() + " on " + proxy.connections() + " connections"));
            long failed = proxy.failuresInjected();
            rows.add(row("requests faulted", failed + String.format(" (%.1f%%)", proxy.requests() == 0 ? 0.0
                    : 100.0 * failed / proxy.requests())));
            for (Fault f : Fault.values()) {
                if (f != Fault.PASS) {
                    rows.add(row("  " + f.name().toLowerCase(), proxy.count(f)));
                }
            }
            rows.add(row("proxy: unframable / upstream reconnects", proxy.unparsable() + " / " + proxy.upstreamReconnects()));
            rows.add(row("route attempts", totalAttempts + " (bodies read " + bodiesRead.get() + ", spooled " + spooledBodies.get() + ")"));
            rows.add(row("route failures injected", (routeFailBefore.get() + routeFailAfter.get() + routeFailTransient.get())
                    + " (before read " + routeFailBefore.get() + ", after read " + routeFailAfter.get()
                    + ", transient/redelivered " + routeFailTransient.get() + ")"));
            rows.add(row("exchanges failed", handler.exchangeFailures.get() + " (route " + handler.routeFailures.get()
                    + ", fetch " + handler.fetchFailures.get() + ")"));
            rows.add(row("polls failed (listing)", handler.pollFailures.get()));
            rows.add(row("deliveries", deliveries + " of " + KEYS + " keys"));
            rows.add(row("duplicates", duplicates.size()));
            rows.add(row("lost (gone, never delivered)", lost.size()));
            rows.add(row("undelivered (still there)", undelivered.size()));
            rows.add(row("left in bucket after delivery", leftAfterDelivery.size() + " (delete failed; remembered, not re-delivered)"));
            rows.add(row("consumer in-flight at end", inFlightAtEnd + " (Camel inflight exchanges " + camelInflight + ")"));
            rows.add(row("violations", violations.size()));
            rows.add(row("spool files left", leftoverSpool.size()));
            printTable(rows);
            if (!undelivered.isEmpty()) {
                System.out.println("[chaos] undelivered: " + undelivered);
            }
            if (!handler.fetchMessages.isEmpty()) {
                System.out.println("[chaos] failed fetches (GET gave up after its retries): " + handler.fetchMessages);
            }
            if (!handler.other.isEmpty()) {
                System.out.println("[chaos] unexpected failures: " + handler.other);
            }

            // ---- the verdict
            assertThat(violations).as("violations").isEmpty();
            assertThat(duplicates).as("keys delivered more than once").isEmpty();
            assertThat(lost).as("keys deleted without a successful delivery").isEmpty();
            assertThat(undelivered).as("keys never delivered (seed " + seed + ")").isEmpty();
            assertThat(completed.keySet()).as("delivered set").isEqualTo(uploaded);
            assertThat(delivered.keySet()).as("processed set").isEqualTo(uploaded);
            assertThat(remaining).as("left in the bucket only what was delivered").isSubsetOf(completed.keySet());
            assertThat(leftoverSpool).as("temporary files in the spool directory after stop").isEmpty();
            assertThat(handler.other).as("failures other than injected ones").isEmpty();
            assertThat(proxy.unparsable()).as("messages the proxy could not frame").isZero();
            assertThat(spooledBodies.get()).as("spooling exercised").isPositive();
            assertThat(proxy.failuresInjected()).as("faults injected").isPositive();
        }
    }

    private static long spoolable() {
        int n = 0;
        for (int i = 0; i < KEYS; i++) {
            if (sizeOf(i) > SPOOL_THRESHOLD) {
                n++;
            }
        }
        return n;
    }

    private static String[] row(String name, Object value) {
        return new String[] {name, String.valueOf(value)};
    }

    private static void printTable(List<String[]> rows) {
        int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        StringBuilder sb = new StringBuilder("[chaos] summary\n");
        String rule = "+" + "-".repeat(w + 2) + "+" + "-".repeat(62) + "\n";
        sb.append(rule);
        for (String[] r : rows) {
            sb.append("| ").append(String.format("%-" + w + "s", r[0])).append(" | ").append(r[1]).append('\n');
        }
        sb.append(rule);
        System.out.print(sb);
    }
}
