package dev.s3legacy.consumer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a stop and a restart keep: nothing completed comes again, nothing unfinished is lost. */
class ConsumerRestartTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * FileIdempotentRepository keeps a 1st-level LRU cache (1,000 entries by default) over a file capped at
     * 32 MB by default, dropping its 1,000 oldest entries when the cap is hit. A miss in the cache scans the
     * whole file, so a bucket larger than the cache costs a file scan per key per poll, and a full file
     * forgets old objects (which are then delivered again). Size both for the bucket: cache at least the
     * number of objects, and no file cap (0) or one well above ~ (key + ETag + 2 bytes) x objects.
     */
    private static IdempotentRepository fileRepository(File file) {
        return FileIdempotentRepository.fileIdempotentRepository(file, 100_000, 0);
    }

    private RouteBuilder collecting(String from, List<String> delivered) {
        return new RouteBuilder() {
            public void configure() {
                from(from).routeId("s3").process(e -> delivered.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class)));
            }
        };
    }

    @Test
    void fileRepositoryRemembersAcrossContexts(@TempDir Path dir) throws Exception {
        String bucket = newBucket("file-repo");
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            put(bucket, "f-" + i, "file " + i);
            all.add("f-" + i);
        }
        File store = dir.resolve("s3legacy-seen.txt").toFile();
        String from = uri(bucket, "idempotentRepository=#repo&delay=50&initialDelay=0&pollStrategy=#polls");

        List<String> first = new CopyOnWriteArrayList<>();
        PollCounter polls1 = new PollCounter();
        CamelContext context1 = start(Map.of("repo", fileRepository(store), "polls", polls1), collecting(from, first));
        await("all delivered", WAIT, () -> first.size() >= all.size());
        polls1.awaitMore(2, WAIT);
        context1.stop();
        assertThat(new TreeSet<>(first)).isEqualTo(all);
        assertThat(first).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(store.toPath())).hasSize(30);

        // a new context with a new repository instance on the same file: nothing again, then only the new key
        List<String> second = new CopyOnWriteArrayList<>();
        PollCounter polls2 = new PollCounter();
        start(Map.of("repo", fileRepository(store), "polls", polls2), collecting(from, second));
        polls2.awaitMore(3, WAIT);
        assertThat(second).as("re-delivered after restart").isEmpty();
        put(bucket, "f-new", "new");
        await("new key delivered", WAIT, () -> !second.isEmpty());
        polls2.awaitMore(3, WAIT);
        assertThat(second).containsExactly("f-new");
    }

    /**
     * Stops the route while a batch is being processed (slow exchanges) and starts it again: every key is
     * completed exactly once overall; what completed before the stop is not delivered again.
     */
    @ParameterizedTest
    @ValueSource(strings = { "default in-memory repository", "repository bean" })
    void stopMidBatchAndRestartLosesNothingAndRepeatsNothingCompleted(String repositoryKind) throws Exception {
        String bucket = newBucket("restart-" + (repositoryKind.startsWith("default") ? "default" : "bean"));
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 15; i++) {
            put(bucket, String.format("r-%02d", i), "r" + i);
            all.add(String.format("r-%02d", i));
        }
        boolean bean = repositoryKind.equals("repository bean");
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> completed = new CopyOnWriteArrayList<>();
        PollCounter polls = new PollCounter();
        Map<String, Object> beans = new HashMap<>(Map.of("polls", polls));
        if (bean) {
            beans.put("repo", MemoryIdempotentRepository.memoryIdempotentRepository(new HashMap<>()));
        }

        CamelContext context = start(beans, new RouteBuilder() {
            public void configure() {
                from(uri(bucket, (bean ? "idempotentRepository=#repo&" : "") + "delay=50&initialDelay=0&pollStrategy=#polls"))
                        .routeId("s3")
                        .process(e -> {
                            String key = e.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                            started.add(key);
                            Thread.sleep(80);
                            completed.add(key);
                        });
            }
        });

        await("some delivered", WAIT, () -> completed.size() >= 4);
        context.getRouteController().stopRoute("s3");
        List<String> completedBeforeStop = List.copyOf(completed);
        List<String> startedBeforeStop = List.copyOf(started);
        assertThat(completedBeforeStop).as("stopped mid-batch").hasSizeLessThan(all.size());
        assertThat(startedBeforeStop).as("the exchange running at the stop completed").isEqualTo(completedBeforeStop);

        context.getRouteController().startRoute("s3");
        await("all completed", WAIT, () -> new TreeSet<>(completed).equals(all));
        polls.awaitMore(3, WAIT);

        List<String> deliveredAfterRestart = started.subList(startedBeforeStop.size(), started.size());
        assertThat(deliveredAfterRestart).as("completed before the stop, delivered again")
                .doesNotContainAnyElementsOf(completedBeforeStop);
        assertThat(completed).as("each completed once").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(completed)).isEqualTo(all);
    }
}
