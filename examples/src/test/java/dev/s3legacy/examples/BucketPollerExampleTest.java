package dev.s3legacy.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.examples.common.ExampleRunner;
import dev.s3legacy.examples.poller.BucketPollerExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.s3legacy.examples.ExampleTestSupport.await;
import static dev.s3legacy.examples.ExampleTestSupport.files;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs examples/bucket-poller twice on the same store and the same seen-objects file: the second run
 * delivers only what is new.
 */
class BucketPollerExampleTest {

    private static ExampleRunner poller(boolean firstRun) {
        return ExampleTestSupport.isolated(BucketPollerExample.runner(), "bucket-poller")
                .property("example.cleanStart", String.valueOf(firstRun))
                .property("example.pollDelay", "200")
                .property("example.feed", String.valueOf(!firstRun))
                .property("example.feedEvery", "300");
    }

    @Test
    @Timeout(90)
    void deliversEachObjectOnceAcrossRestarts() throws Exception {
        Path downloads;
        Path seen;
        try (ExampleRunner runner = poller(true).start(); S3Connection s3 = ExampleTestSupport.client(runner)) {
            downloads = runner.workDir().resolve("downloads");
            seen = runner.workDir().resolve("seen-objects.txt");
            for (int i = 1; i <= 3; i++) {
                s3.put("inbox", "orders/first-" + i + ".json", RequestBody.ofString("{\"n\":" + i + "}"));
            }
            s3.put("inbox", "elsewhere/not-polled.txt", RequestBody.ofString("outside the prefix"));
            await(Duration.ofSeconds(15), "three objects delivered", () -> files(downloads).size() == 3);
            assertThat(files(downloads)).containsExactly("orders/first-1.json", "orders/first-2.json", "orders/first-3.json");
            assertThat(Files.readString(downloads.resolve("orders/first-2.json"))).isEqualTo("{\"n\":2}");
            await(Duration.ofSeconds(5), "three ids remembered", () -> lines(seen).size() == 3);
        }

        // Restart on the same bucket and the same file, with the feeder on: only the feeder's objects arrive.
        deleteDownloads(downloads);
        try (ExampleRunner runner = poller(false).start()) {
            await(Duration.ofSeconds(15), "a new object delivered after the restart",
                    () -> files(downloads).stream().anyMatch(f -> f.startsWith("orders/order-")));
            Thread.sleep(600); // a few more polls: the old objects must stay undelivered
            assertThat(files(downloads)).allMatch(f -> f.startsWith("orders/order-"));
            assertThat(lines(seen)).hasSizeGreaterThan(3).anyMatch(l -> l.endsWith(" orders/first-1.json"));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteDownloads(Path downloads) throws java.io.IOException {
        for (String f : files(downloads)) {
            Files.delete(downloads.resolve(f));
        }
    }
}
