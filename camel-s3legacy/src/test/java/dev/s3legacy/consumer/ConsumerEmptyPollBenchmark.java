package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: a measurement, run on demand only.
 * <pre>mvn -B -o test -Dtest=ConsumerEmptyPollBenchmark -Ds3legacy.bench=true</pre>
 * Seeds 10,000 objects in s3proxy (in memory, on 127.0.0.1), lets a first poll deliver them all
 * (includeBody=false: one HEAD each), then times the following polls, which find nothing new and cost
 * only the 10 listing requests (pages of 1,000), and the same 10 requests made directly with the client.
 * Prints the figures.
 */
@EnabledIfSystemProperty(named = "s3legacy.bench", matches = "true")
class ConsumerEmptyPollBenchmark extends ConsumerTestSupport {

    private static final int OBJECTS = 10_000;

    @Test
    void emptyPollOfTenThousandObjects() throws Exception {
        String bucket = newBucket("bench");
        long seedStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> puts = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String key = String.format("bench/obj-%05d", i);
            puts.add(pool.submit(() -> put(bucket, key, key)));
        }
        for (Future<String> f : puts) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("seeded %,d objects in %,d ms%n", OBJECTS, (System.nanoTime() - seedStart) / 1_000_000);

        AtomicInteger delivered = new AtomicInteger();
        PollCounter polls = new PollCounter();
        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "includeBody=false&maxKeys=1000&delay=200&initialDelay=0&pollStrategy=#polls"))
                        .process(e -> delivered.incrementAndGet());
            }
        });
        await("first poll delivered everything", Duration.ofMinutes(5), () -> polls.finished() >= 1);
        assertThat(delivered.get()).isEqualTo(OBJECTS);
        polls.awaitMore(10, Duration.ofMinutes(2));

        List<Long> emptyMillis = new ArrayList<>();
        for (int i = 0; i < polls.delivered().size(); i++) {
            if (polls.delivered().get(i) == 0) {
                emptyMillis.add(polls.nanos().get(i) / 1_000_000);
            }
        }
        assertThat(delivered.get()).as("nothing delivered again").isEqualTo(OBJECTS);
        assertThat(emptyMillis).hasSizeGreaterThanOrEqualTo(10);
        List<Long> sorted = emptyMillis.stream().sorted().toList();
        System.out.printf("first poll (10,000 new, a HEAD each): %,d ms%n", polls.nanos().get(0) / 1_000_000);
        System.out.printf("empty polls of %,d objects (10 listing requests each), ms: %s; min %d, median %d, max %d%n",
                OBJECTS, emptyMillis, sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));

        // the same 10 listing requests made directly with the client, for comparison: the poll adds little to them
        List<Long> rawMillis = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            long t = System.nanoTime();
            int listed = 0;
            for (var page : s3.listBucketPages(bucket, null, 1000, null)) {
                listed += page.getEntries().size();
            }
            assertThat(listed).isEqualTo(OBJECTS);
            rawMillis.add((System.nanoTime() - t) / 1_000_000);
        }
        System.out.printf("the 10 listing requests alone (client, no consumer), ms: %s%n", rawMillis);
    }
}
