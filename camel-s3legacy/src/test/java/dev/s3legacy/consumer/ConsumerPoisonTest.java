package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.S3Response;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Poison objects (issue 13, test 6): an object whose processing always fails is delivered maxDeliveryAttempts
 * times, then moved to moveFailed with the last error in its metadata, while the others flow.
 */
class ConsumerPoisonTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger attemptsLogger = (Logger) LoggerFactory.getLogger("dev.s3legacy.DeliveryAttempts");

    @BeforeEach
    void captureLog() {
        log.start();
        attemptsLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        attemptsLogger.detachAppender(log);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Fails every attempt on a key holding "poison", counting the attempts of each key. */
    private PollCounter run(String bucket, String options, Map<String, AtomicInteger> attempts) throws Exception {
        PollCounter polls = new PollCounter();
        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                errorHandler(defaultErrorHandler().logExhausted(false));
                from(uri(bucket, options + "&delay=20&initialDelay=0&pollStrategy=#polls")).process(e -> {
                    String key = e.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                    attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    if (key.contains("poison")) {
                        throw new IllegalStateException("cannot parse line 1:\r\n  bad \u00fc value");
                    }
                });
            }
        });
        return polls;
    }

    @Test
    void aPoisonObjectIsMovedAfterMaxAttemptsWithItsLastErrorAndTheOthersFlow() throws Exception {
        String bucket = newBucket("poison");
        for (int i = 0; i < 5; i++) {
            put(bucket, "inbox/ok-" + i, "fine " + i);
        }
        put(bucket, "inbox/poison.csv", "a;b;c", "text/csv", Map.of("origin", "upstream"));
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        PollCounter polls = run(bucket, "prefix=inbox/&deleteAfterRead=true&maxDeliveryAttempts=3&moveFailed=failed/", attempts);

        await("the poison object moved to failed/ and the others deleted after success", WAIT,
                () -> keys(bucket).equals(java.util.Set.of("failed/inbox/poison.csv")));
        polls.awaitMore(5, WAIT);
        assertThat(attempts.get("inbox/poison.csv")).as("deliveries of the poison object").hasValue(3);
        for (int i = 0; i < 5; i++) {
            assertThat(attempts.get("inbox/ok-" + i)).as("ok-" + i).hasValue(1);
        }
        assertThat(content(bucket, "failed/inbox/poison.csv")).isEqualTo("a;b;c");
        try (S3Response head = s3.head(bucket, "failed/inbox/poison.csv")) {
            assertThat(head.contentType()).isEqualTo("text/csv");
            assertThat(head.metadata())
                    .containsEntry("origin", List.of("upstream"))
                    // one line of printable US-ASCII: CR/LF and the non-ASCII letter did not reach the header
                    .containsEntry("s3legacy-last-error", List.of("java.lang.IllegalStateException: cannot parse line 1: bad ? value"))
                    .containsEntry("s3legacy-delivery-attempts", List.of("3"));
        }
        assertThat(warnings()).singleElement().asString().contains("inbox/poison.csv", "moved to " + bucket + "/failed/inbox/poison.csv");
    }

    @Test
    void moveFailedToAnotherBucket() throws Exception {
        String bucket = newBucket("poison-src");
        String deadLetters = newBucket("dead-letters");
        put(bucket, "poison-1", "x");
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        run(bucket, "maxDeliveryAttempts=2&moveFailed=" + deadLetters + ":", attempts);

        await("moved to the other bucket under the same key", WAIT, () -> keys(deadLetters).contains("poison-1"));
        await("gone from the polled bucket", WAIT, () -> keys(bucket).isEmpty());
        assertThat(attempts.get("poison-1")).hasValue(2);
    }

    @Test
    void withoutMoveFailedAGivenUpObjectStaysAndIsNotDeliveredAgain() throws Exception {
        String bucket = newBucket("poison-stay");
        put(bucket, "poison-1", "x");
        put(bucket, "ok-1", "y");
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        PollCounter polls = run(bucket, "maxDeliveryAttempts=2", attempts);

        await("two attempts", WAIT, () -> attempts.containsKey("poison-1") && attempts.get("poison-1").get() == 2);
        polls.awaitMore(10, WAIT);
        assertThat(attempts.get("poison-1")).hasValue(2);
        assertThat(attempts.get("ok-1")).hasValue(1);
        assertThat(exists(bucket, "poison-1")).isTrue();
        assertThat(warnings()).singleElement().asString().contains("poison-1", "not delivered again");

        // rewritten: a new version (new ETag) is a new object with attempts of its own
        put(bucket, "poison-1", "x2");
        await("the new version delivered twice", WAIT, () -> attempts.get("poison-1").get() == 4);
        polls.awaitMore(5, WAIT);
        assertThat(attempts.get("poison-1")).hasValue(4);
    }

    @Test
    void aFailedMoveLeavesTheObjectInPlaceAndLogsOnce() throws Exception {
        String bucket = newBucket("poison-nomove");
        put(bucket, "poison-1", "x");
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        // the dead-letter bucket does not exist: the copy fails
        PollCounter polls = run(bucket, "maxDeliveryAttempts=2&moveFailed=no-such-bucket-here:failed/", attempts);

        await("two attempts", WAIT, () -> attempts.containsKey("poison-1") && attempts.get("poison-1").get() == 2);
        polls.awaitMore(10, WAIT);
        assertThat(exists(bucket, "poison-1")).isTrue();
        assertThat(content(bucket, "poison-1")).isEqualTo("x");
        assertThat(attempts.get("poison-1")).hasValue(2);
        assertThat(warnings()).singleElement().asString().contains("poison-1", "moving it to moveFailed failed", "stays in place");
    }

    @Test
    void badOptionsFailTheRouteStartNamingTheOption() {
        String bucket = newBucket("poison-bad");
        assertThatThrownBy(() -> run(bucket, "moveFailed=failed/", new ConcurrentHashMap<>()))
                .rootCause().hasMessageContaining("Option moveFailed needs maxDeliveryAttempts");
        assertThatThrownBy(() -> run(bucket, "prefix=inbox/&maxDeliveryAttempts=2&moveFailed=inbox/failed/", new ConcurrentHashMap<>()))
                .rootCause().hasMessageContaining("Option moveFailed").hasMessageContaining("delivered again");
        assertThatThrownBy(() -> run(bucket, "maxDeliveryAttempts=-1", new ConcurrentHashMap<>()))
                .rootCause().hasMessageContaining("Option maxDeliveryAttempts");
    }
}
