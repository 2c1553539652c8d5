package dev.s3legacy.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.s3legacy.client.S3Connection;
import dev.s3legacy.examples.common.ExampleRunner;
import dev.s3legacy.examples.filetobucket.FileToBucketExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.s3legacy.examples.ExampleTestSupport.await;
import static dev.s3legacy.examples.ExampleTestSupport.files;
import static dev.s3legacy.examples.ExampleTestSupport.keys;
import static dev.s3legacy.examples.ExampleTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs examples/file-to-bucket on the embedded server: sample files and a dropped file end up in the bucket. */
class FileToBucketExampleTest {

    @Test
    @Timeout(60)
    void uploadsEveryFileOfTheFolderAndMovesItAside() throws Exception {
        try (ExampleRunner runner = ExampleTestSupport.isolated(FileToBucketExample.runner(), "file-to-bucket").start();
             S3Connection s3 = ExampleTestSupport.client(runner)) {
            Path folder = runner.workDir().resolve("outbox");
            await(Duration.ofSeconds(15), "the three sample files in bucket uploads",
                    () -> keys(s3, "uploads", "incoming/").size() == 3);
            assertThat(keys(s3, "uploads", "incoming/"))
                    .containsExactly("incoming/2024/q4/report.json", "incoming/hello.txt", "incoming/prices.csv");
            assertThat(text(s3, "uploads", "incoming/prices.csv")).isEqualTo("item,price\napple,1.20\npear,0.95\n");

            // a file dropped while it runs
            Files.writeString(folder.resolve("late.txt"), "dropped later");
            await(Duration.ofSeconds(15), "late.txt uploaded", () -> keys(s3, "uploads", "incoming/late").size() == 1);
            assertThat(text(s3, "uploads", "incoming/late.txt")).isEqualTo("dropped later");

            // uploaded files were moved into .uploaded/, nothing is left to upload
            await(Duration.ofSeconds(5), "late.txt moved aside", () -> files(folder).stream().allMatch(f -> f.contains(".uploaded/")));
            assertThat(files(folder)).containsExactlyInAnyOrderElementsOf(List.of(
                    "2024/q4/.uploaded/report.json", ".uploaded/hello.txt", ".uploaded/prices.csv", ".uploaded/late.txt"));
        }
    }
}
