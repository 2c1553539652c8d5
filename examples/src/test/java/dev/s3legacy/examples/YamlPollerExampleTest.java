package dev.s3legacy.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.examples.common.ExampleRunner;
import dev.s3legacy.examples.yaml.YamlPollerExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.s3legacy.examples.ExampleTestSupport.await;
import static dev.s3legacy.examples.ExampleTestSupport.files;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs examples/yaml-poller: the YAML routes load, the feeder writes, the poller delivers and remembers. */
class YamlPollerExampleTest {

    @Test
    @Timeout(60)
    void yamlRoutesPollTheBucket() throws Exception {
        ExampleRunner example = ExampleTestSupport.isolated(YamlPollerExample.runner(), "yaml-poller")
                .property("example.pollDelay", "200")
                .property("example.feedEvery", "300");
        try (ExampleRunner runner = example.start(); S3Connection s3 = ExampleTestSupport.client(runner)) {
            assertThat(runner.context().getRoute("yaml-poller")).isNotNull();
            assertThat(runner.context().getRoute("yaml-feeder")).isNotNull();
            Path downloads = runner.workDir().resolve("downloads");
            s3.put("inbox", "notes/by-test.txt", RequestBody.ofString("written by the test"));
            s3.put("inbox", "other/ignored.txt", RequestBody.ofString("outside the prefix"));
            await(Duration.ofSeconds(15), "the test's object and two feeder objects delivered",
                    () -> files(downloads).contains("notes/by-test.txt") && files(downloads).size() >= 3);
            assertThat(Files.readString(downloads.resolve("notes/by-test.txt"))).isEqualTo("written by the test");
            assertThat(files(downloads)).allMatch(f -> f.startsWith("notes/"));
            Path seen = runner.workDir().resolve("seen-objects.txt");
            await(Duration.ofSeconds(5), "remembered in the file",
                    () -> Files.exists(seen) && read(seen).contains(" notes/by-test.txt"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
