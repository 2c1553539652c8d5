package dev.s3legacy.consumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * checkpointRepository: the listing position survives a restart, so a restarted consumer resumes after it instead
 * of listing from the top; fullWalkEvery brings back the walk from the top that catches keys written behind it.
 */
class ConsumerCheckpointTest extends ConsumerTestSupport {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

    private CamelContext consumer(String bucket, String options, MemoryStateRepository checkpoints, Object seen,
            PollCounter polls, List<String> delivered) throws Exception {
        return start(Map.of("checkpoints", checkpoints, "seen", seen, "polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "maxKeys=10&delay=20&initialDelay=0&checkpointRepository=#checkpoints&idempotentRepository=#seen"
                        + "&pollStrategy=#polls&" + options))
                        .process(e -> delivered.add(e.getMessage().getHeader("CamelS3LegacyKey", String.class)));
            }
        });
    }

    private static MemoryIdempotentRepository newRepository() {
        return (MemoryIdempotentRepository) MemoryIdempotentRepository.memoryIdempotentRepository(1000);
    }

    @Test
    void aRestartedConsumerResumesAfterTheCheckpointAndAFullWalkCatchesKeysWrittenBehindIt() throws Exception {
        String bucket = newBucket("checkpoint");
        for (int i = 0; i < 30; i++) {
            put(bucket, String.format("obj-%02d", i), "v" + i);
        }
        MemoryStateRepository checkpoints = new MemoryStateRepository();
        MemoryIdempotentRepository firstSeen = newRepository();
        List<String> first = new CopyOnWriteArrayList<>();
        PollCounter polls = new PollCounter();
        CamelContext one = consumer(bucket, "fullWalkEvery=0", checkpoints, firstSeen, polls, first);
        await("30 delivered", WAIT, () -> first.size() == 30);
        polls.awaitMore(2, WAIT);
        one.stop();
        assertThat(checkpoints.getState("s3legacy:" + bucket + "/")).as("the position: the last key listed").isEqualTo("obj-29");

        // a new consumer with an empty done-set: listing from the top would deliver all 30 again
        put(bucket, "obj-30", "v30");
        List<String> second = new CopyOnWriteArrayList<>();
        PollCounter polls2 = new PollCounter();
        CamelContext two = consumer(bucket, "fullWalkEvery=0", checkpoints, newRepository(), polls2, second);
        await("obj-30 delivered", WAIT, () -> second.contains("obj-30"));
        polls2.awaitMore(3, WAIT);
        two.stop();
        assertThat(second).as("resumed after the checkpoint").containsExactly("obj-30");

        // a key written behind the checkpoint comes with the next walk from the top (every 2nd poll here)
        put(bucket, "aaa-behind", "late");
        List<String> third = new CopyOnWriteArrayList<>();
        PollCounter polls3 = new PollCounter();
        consumer(bucket, "fullWalkEvery=2", checkpoints, firstSeen, polls3, third);
        await("aaa-behind delivered", WAIT, () -> third.contains("aaa-behind"));
        polls3.awaitMore(2, WAIT);
        assertThat(third).as("a full walk: what is new behind and after the checkpoint, nothing done before")
                .containsExactlyInAnyOrder("aaa-behind", "obj-30");
    }
}
