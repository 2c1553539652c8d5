package dev.s3legacy.examples;

import java.time.Duration;

import dev.s3legacy.client.S3Connection;
import dev.s3legacy.examples.common.ExampleRunner;
import dev.s3legacy.examples.move.MoveAfterReadExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.s3legacy.examples.ExampleTestSupport.await;
import static dev.s3legacy.examples.ExampleTestSupport.keys;
import static dev.s3legacy.examples.ExampleTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs examples/move-after-read: each sample gets a summary in results and moves from incoming to archive. */
class MoveAfterReadExampleTest {

    @Test
    @Timeout(60)
    void summarisesThenMovesEachObject() throws Exception {
        ExampleRunner example = ExampleTestSupport.isolated(MoveAfterReadExample.runner(), "move-after-read")
                .property("example.pollDelay", "200");
        try (ExampleRunner runner = example.start(); S3Connection s3 = ExampleTestSupport.client(runner)) {
            // A move is a copy, then a delete of the source: wait for both halves of the last one.
            await(Duration.ofSeconds(15), "three originals in the archive and none left in incoming",
                    () -> keys(s3, "archive", "").size() == 3 && keys(s3, "incoming", "").isEmpty());
            assertThat(keys(s3, "archive", "")).containsExactly("done/csv/batch-1.csv", "done/csv/batch-2.csv", "done/csv/batch-3.csv");
            assertThat(keys(s3, "incoming", "")).isEmpty();
            assertThat(keys(s3, "results", "")).containsExactly("summaries/csv/batch-1.csv.summary",
                    "summaries/csv/batch-2.csv.summary", "summaries/csv/batch-3.csv.summary");
            assertThat(text(s3, "results", "summaries/csv/batch-2.csv.summary")).isEqualTo("source=csv/batch-2.csv\nrows=3\n");
            assertThat(text(s3, "archive", "done/csv/batch-2.csv")).isEqualTo("id,amount\n2,10\n2,20\n3,30");
        }
    }
}
