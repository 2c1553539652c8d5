package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.S3Response;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** deleteAfterRead and moveAfterRead: only after success, never while an exchange fails. */
class ConsumerAfterReadTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * A route that fails an attempt when {@code fails(key, attempt)} says so, counting attempts, recording whether
     * the object was in its bucket during each attempt and which keys succeeded (with the attempt that did).
     */
    private static RouteBuilder failingRoute(String from, BiPredicate<String, Integer> fails, Map<String, AtomicInteger> attempts,
                                             Map<String, List<Boolean>> existedWhileProcessing, String bucket,
                                             List<String> succeeded) {
        return new RouteBuilder() {
            public void configure() {
                errorHandler(defaultErrorHandler().logExhausted(false));
                from(from).process(e -> {
                    String key = e.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                    int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    // the object is still in its bucket while its exchange runs, on every attempt
                    existedWhileProcessing.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(exists(bucket, key));
                    if (fails.test(key, attempt)) {
                        throw new IllegalStateException("planned failure " + attempt + " of " + key);
                    }
                    succeeded.add(key);
                });
            }
        };
    }

    @Test
    void deleteAfterReadDeletesOnlyAfterSuccessAndRetriesFailedObjects() throws Exception {
        String bucket = newBucket("delete");
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 8; i++) {
            put(bucket, "ok-" + i, "data " + i);
            all.add("ok-" + i);
        }
        for (int i = 0; i < 3; i++) {
            put(bucket, "fail-" + i, "bad " + i);
            all.add("fail-" + i);
        }
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<String, List<Boolean>> existed = new ConcurrentHashMap<>();
        List<String> succeeded = new CopyOnWriteArrayList<>();
        AtomicBoolean released = new AtomicBoolean();
        PollCounter polls = new PollCounter();

        // keys containing "fail" fail their first 2 attempts, and go on failing until the test releases them
        start(Map.of("polls", polls), failingRoute(uri(bucket, "deleteAfterRead=true&delay=50&initialDelay=0&pollStrategy=#polls"),
                (key, attempt) -> key.contains("fail") && (attempt <= 2 || !released.get()), attempts, existed, bucket, succeeded));

        await("good keys succeeded and each failing key retried by later polls", WAIT,
                () -> succeeded.size() == 8 && List.of("fail-0", "fail-1", "fail-2").stream()
                        .allMatch(k -> attempts.containsKey(k) && attempts.get(k).get() >= 2));
        // between failures: each failing object is still in the bucket
        for (String key : List.of("fail-0", "fail-1", "fail-2")) {
            assertThat(exists(bucket, key)).as(key + " after failing").isTrue();
        }
        assertThat(keys(bucket)).containsExactly("fail-0", "fail-1", "fail-2");
        int seen = attempts.get("fail-0").get();
        await("another failed attempt", WAIT, () -> attempts.get("fail-0").get() > seen);
        assertThat(keys(bucket)).containsExactly("fail-0", "fail-1", "fail-2");

        released.set(true);
        await("bucket emptied", WAIT, () -> keys(bucket).isEmpty());
        polls.awaitMore(3, WAIT);
        assertThat(new TreeSet<>(succeeded)).isEqualTo(all);
        assertThat(succeeded).as("each key succeeds once").doesNotHaveDuplicates();
        for (String key : all) {
            if (key.startsWith("ok")) {
                assertThat(attempts.get(key).get()).as("attempts of " + key).isEqualTo(1);
            } else {
                assertThat(attempts.get(key).get()).as("attempts of " + key).isGreaterThanOrEqualTo(3);
            }
            assertThat(existed.get(key)).as("object present during each attempt of " + key).containsOnly(true);
        }

        // the same data uploaded again under the same key (same ETag) is a new object: delivered and deleted again
        put(bucket, "ok-3", "data 3");
        await("re-uploaded object delivered", WAIT, () -> attempts.get("ok-3").get() == 2);
        await("re-uploaded object deleted", WAIT, () -> keys(bucket).isEmpty());
        assertThat(existed.get("ok-3")).containsExactly(true, true);
    }

    @Test
    void moveAfterReadCopiesWithContentTypeAndMetadataThenDeletesOnlyAfterSuccess() throws Exception {
        String source = newBucket("move-src");
        String target = newBucket("move-dst");
        put(source, "m/a.txt", "alpha data", "application/x-alpha", Map.of("Owner", "alice", "trace-id", "42"));
        put(source, "m/b.bin", "beta data");
        put(source, "m/fail.txt", "never processed", "text/x-fail", Map.of("owner", "bob"));
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<String, List<Boolean>> existed = new ConcurrentHashMap<>();
        List<String> succeeded = new CopyOnWriteArrayList<>();

        start(Map.of(), failingRoute(uri(source, "moveAfterRead=true&destinationBucket=" + target
                + "&destinationPrefix=archive/&delay=50&initialDelay=0"), (key, attempt) -> key.contains("fail"), attempts, existed, source, succeeded));

        await("good objects moved", WAIT, () -> keys(target).containsAll(List.of("archive/m/a.txt", "archive/m/b.bin"))
                && !keys(source).contains("m/a.txt") && !keys(source).contains("m/b.bin"));
        await("failing object retried by later polls", WAIT, () -> attempts.containsKey("m/fail.txt")
                && attempts.get("m/fail.txt").get() >= 3);

        assertThat(keys(source)).containsExactly("m/fail.txt");
        assertThat(keys(target)).containsExactlyInAnyOrder("archive/m/a.txt", "archive/m/b.bin");
        assertThat(exists(target, "archive/m/fail.txt")).isFalse();
        assertThat(content(source, "m/fail.txt")).isEqualTo("never processed");
        assertThat(existed.get("m/a.txt")).containsExactly(true);
        assertThat(existed.get("m/fail.txt")).containsOnly(true);

        assertThat(content(target, "archive/m/a.txt")).isEqualTo("alpha data");
        assertThat(content(target, "archive/m/b.bin")).isEqualTo("beta data");
        try (S3Response moved = s3.head(target, "archive/m/a.txt")) {
            assertThat(moved.contentType()).isEqualTo("application/x-alpha");
            assertThat(moved.metadata()).containsEntry("owner", List.of("alice")).containsEntry("trace-id", List.of("42"))
                    .hasSize(2);
        }
        assertThat(attempts.get("m/a.txt").get()).isEqualTo(1);
        assertThat(attempts.get("m/b.bin").get()).isEqualTo(1);
    }

    /**
     * A route that rewrites {@code key} with {@code newer} while the exchange of its first version runs, and
     * records each body delivered plus what {@code observe} saw during that exchange.
     */
    private static RouteBuilder rewritingRoute(String from, String bucket, String key, String newer, List<String> bodies,
                                               List<String> observed, java.util.function.Supplier<String> observe) {
        return new RouteBuilder() {
            public void configure() {
                from(from).process(e -> {
                    String body = e.getMessage().getBody(String.class);
                    observed.add(observe.get());
                    bodies.add(body);
                    if (bodies.size() == 1) {
                        put(bucket, key, newer); // rewritten (new ETag) while the first version's exchange runs
                    }
                });
            }
        };
    }

    private static String contentOrNone(String bucket, String key) {
        try {
            return exists(bucket, key) ? content(bucket, key) : "<none>";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deleteAfterReadRemovesOnlyTheDeliveredVersion() throws Exception {
        String bucket = newBucket("del-version");
        put(bucket, "daily.csv", "version A");
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> sourceDuringExchange = new CopyOnWriteArrayList<>();
        PollCounter polls = new PollCounter();

        start(Map.of("polls", polls), rewritingRoute(uri(bucket, "deleteAfterRead=true&delay=50&initialDelay=0&pollStrategy=#polls"),
                bucket, "daily.csv", "version B", bodies, sourceDuringExchange, () -> contentOrNone(bucket, "daily.csv")));

        await("version A delivered", WAIT, () -> !bodies.isEmpty());
        polls.awaitMore(3, WAIT); // A's exchange completed in its poll; later polls see what its delete left
        assertThat(bodies).as("each version delivered once, the newer one by a later poll")
                .containsExactly("version A", "version B");
        // during B's exchange, B was still in the bucket: A's success did not delete it
        assertThat(sourceDuringExchange).containsExactly("version A", "version B");
        await("version B deleted after its own success", WAIT, () -> keys(bucket).isEmpty());
        polls.awaitMore(2, WAIT);
        assertThat(bodies).hasSize(2);
    }

    @Test
    void moveAfterReadArchivesOnlyTheDeliveredVersion() throws Exception {
        String source = newBucket("mv-version-src");
        String target = newBucket("mv-version-dst");
        put(source, "daily.csv", "version A");
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        PollCounter polls = new PollCounter();

        start(Map.of("polls", polls), rewritingRoute(uri(source, "moveAfterRead=true&destinationBucket=" + target
                + "&destinationPrefix=archive/&delay=50&initialDelay=0&pollStrategy=#polls"), source, "daily.csv", "version B",
                bodies, seen, () -> contentOrNone(source, "daily.csv") + " | archive: " + contentOrNone(target, "archive/daily.csv")));

        await("version A delivered", WAIT, () -> !bodies.isEmpty());
        polls.awaitMore(3, WAIT);
        assertThat(bodies).as("each version delivered once, the newer one by a later poll")
                .containsExactly("version A", "version B");
        // during B's exchange: B still in the source, and not in the archive. A itself cannot be archived: the
        // rewrite replaced it in the store before A's exchange ended (the copy of A, conditional on A's ETag, fails)
        assertThat(seen).containsExactly("version A | archive: <none>", "version B | archive: <none>");
        await("version B moved after its own success", WAIT, () -> keys(source).isEmpty());
        // the archive holds only bytes that were delivered: B's, archived after B's own exchange
        assertThat(content(target, "archive/daily.csv")).isEqualTo("version B");
    }

    @Test
    void moveAfterReadIntoThePolledAreaIsRejectedWhenTheConsumerIsCreated() throws Exception {
        String bucket = newBucket("mv-loop");
        org.apache.camel.CamelContext context = start(Map.of(), new RouteBuilder() {
            public void configure() {
            }
        });
        // each of these would poll its own archived copies again (and move them again, for ever)
        String same = "moveAfterRead=true&destinationBucket=" + bucket;
        for (String options : List.of(same, same + "&destinationPrefix=archive/",
                "prefix=in/&" + same + "&destinationPrefix=in/done/",
                "prefix=in/&" + same,
                "prefix=in/&" + same + "&destinationPrefix=",
                "prefix=aa&" + same + "&destinationPrefix=a")) {
            org.apache.camel.Endpoint endpoint = context.getEndpoint(uri(bucket, options));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> endpoint.createConsumer(e -> { }))
                    .as(options).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("moveAfterRead").hasMessageContaining("destinationBucket")
                    .hasMessageContaining("destinationPrefix").hasMessageContaining("prefix");
        }
        // archived outside what is polled: accepted
        for (String options : List.of("prefix=in/&" + same + "&destinationPrefix=archive/",
                "moveAfterRead=true&destinationBucket=other-bucket",
                "prefix=in/&delimiter=/&" + same + "&destinationPrefix=in/done/")) {
            assertThat(context.getEndpoint(uri(bucket, options)).createConsumer(e -> { })).as(options).isNotNull();
        }
    }
}
