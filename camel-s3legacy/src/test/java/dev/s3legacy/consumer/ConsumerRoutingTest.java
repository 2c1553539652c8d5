package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 -> route -> another bucket: CamelS3LegacyBucketName is output only, so nothing steers the producer back
 * to the source; destinationPrefix as a simple expression, checked again once evaluated.
 */
class ConsumerRoutingTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aConsumedObjectSentToAnotherBucketLandsThereUnderItsKeyWithoutRemovingHeaders() throws Exception {
        String source = newBucket("from");
        String target = newBucket("to");
        String otherTarget = newBucket("other");
        put(source, "orders/1.json", "{\"id\":1}", "application/json", Map.of("origin", "shop"));
        put(source, "orders/2.json", "{\"id\":2}");
        List<String> bucketsSeen = new CopyOnWriteArrayList<>();
        start(Map.of(), new RouteBuilder() {
            public void configure() {
                from(uri(source, "delay=50&initialDelay=0"))
                        .process(e -> bucketsSeen.add(e.getMessage().getHeader(S3LegacyConstants.BUCKET_NAME, String.class)))
                        .choice()
                            .when(header(S3LegacyConstants.KEY).isEqualTo("orders/2.json"))
                                .setHeader(S3LegacyConstants.OVERRIDE_BUCKET_NAME, constant(otherTarget))
                        .end()
                        .to(uri(target, ""))
                        .process(e -> bucketsSeen.add("after put: " + e.getMessage().getHeader(S3LegacyConstants.BUCKET_NAME)));
            }
        });
        await("both objects written", WAIT, () -> keys(target).size() + keys(otherTarget).size() == 2);
        assertThat(keys(target)).containsExactly("orders/1.json");
        assertThat(keys(otherTarget)).as("CamelS3LegacyOverrideBucketName chose the bucket").containsExactly("orders/2.json");
        assertThat(content(target, "orders/1.json")).isEqualTo("{\"id\":1}");
        try (var head = s3.head(target, "orders/1.json")) {
            assertThat(head.metadata()).containsEntry("origin", List.of("shop"));
            assertThat(head.contentType()).isEqualTo("application/json");
        }
        assertThat(keys(source)).as("the source is left as it was").containsExactly("orders/1.json", "orders/2.json");
        assertThat(bucketsSeen).contains(source, "after put: " + target, "after put: " + otherTarget);
    }

    @Test
    void destinationPrefixIsEvaluatedPerExchangeAndAnEvaluatedTargetInThePolledAreaIsNotMoved() throws Exception {
        String bucket = newBucket("movexp");
        put(bucket, "inbox/a.txt", "a");
        put(bucket, "inbox/b.txt", "b");
        // literal part "in" + "inbox/" lies outside inbox/, so the consumer starts; "box/" completes it into inbox/
        start(Map.of(), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "prefix=inbox/&moveAfterRead=true&destinationBucket=" + bucket
                        + "&destinationPrefix=in${header.rest}&delay=50&initialDelay=0"))
                        .process(e -> e.getMessage().setHeader("rest", "inbox/a.txt".equals(e.getMessage()
                                .getHeader(S3LegacyConstants.KEY)) ? "box/" : "done/"));
            }
        });
        await("b moved (copied, then deleted) under the evaluated prefix", WAIT,
                () -> keys(bucket).contains("indone/inbox/b.txt") && !keys(bucket).contains("inbox/b.txt"));
        assertThat(keys(bucket)).as("a's evaluated target inbox/inbox/a.txt is polled: not moved, left in place")
                .containsExactly("inbox/a.txt", "indone/inbox/b.txt");
    }
}
