package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An exchange that outlives the poll that emitted it keeps its object from being emitted again. */
class ConsumerInFlightTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void noObjectEmittedAgainWhileItsExchangeIsStillInFlight() throws Exception {
        String bucket = newBucket("inflight");
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            put(bucket, "slow-" + i, "x" + i);
            all.add("slow-" + i);
        }
        List<String> emitted = new CopyOnWriteArrayList<>();
        List<String> completed = new CopyOnWriteArrayList<>();
        AtomicInteger pollsAtFirstStart = new AtomicInteger(-1);
        AtomicInteger pollsAtLastEnd = new AtomicInteger();
        PollCounter polls = new PollCounter();

        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                // the consumer's exchange completes only when the seda route has finished with it (300 ms per
                // object, 2 at a time), while the consumer polls again every 20 ms
                from(uri(bucket, "delay=20&initialDelay=0&pollStrategy=#polls"))
                        .process(e -> emitted.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class)))
                        .to("seda:slow");
                from("seda:slow?concurrentConsumers=2")
                        .process(e -> {
                            pollsAtFirstStart.compareAndSet(-1, polls.finished());
                        })
                        .delay(300)
                        .process(e -> {
                            pollsAtLastEnd.set(polls.finished());
                            completed.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class));
                        });
            }
        });

        await("all completed", WAIT, () -> completed.size() >= all.size());
        polls.awaitMore(5, WAIT);
        assertThat(pollsAtLastEnd.get() - pollsAtFirstStart.get()).as("polls finished while exchanges were in flight")
                .isGreaterThanOrEqualTo(5);
        assertThat(emitted).as("emitted once each").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(emitted)).isEqualTo(all);
        assertThat(completed).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(completed)).isEqualTo(all);
    }

    @Test
    void aRouteRestartDoesNotEmitAgainWhatIsStillInFlightElsewhere() throws Exception {
        String bucket = newBucket("inflight-restart");
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 8; i++) {
            put(bucket, "h-" + i, "h" + i);
            all.add("h-" + i);
        }
        List<String> emitted = new CopyOnWriteArrayList<>();
        List<String> completed = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        PollCounter polls = new PollCounter();

        CamelContext context = start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "delay=20&initialDelay=0&pollStrategy=#polls")).routeId("s3")
                        .process(e -> emitted.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class)))
                        .to("seda:handoff");
                // the handed-off exchanges wait until the test opens the gate
                from("seda:handoff?concurrentConsumers=2")
                        .process(e -> {
                            gate.await(20, TimeUnit.SECONDS);
                            completed.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class));
                        });
            }
        });

        // all emitted and handed off, none completed: restart the consuming route while all are in flight
        await("all emitted", WAIT, () -> emitted.size() >= all.size());
        context.getRouteController().stopRoute("s3");
        context.getRouteController().startRoute("s3");
        polls.awaitMore(3, WAIT);
        assertThat(completed).as("completed before the gate opened").isEmpty();
        gate.countDown();

        await("all completed", WAIT, () -> completed.size() >= all.size());
        polls.awaitMore(3, WAIT);
        assertThat(emitted).as("emitted once each, across the restart").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(emitted)).isEqualTo(all);
        assertThat(completed).doesNotHaveDuplicates();
    }
}
