package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** include/exclude, antInclude/antExclude, filter and minAge on a real listing (s3proxy): only the selected objects are delivered. */
class ConsumerSelectionTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Set<String> deliver(String bucket, String options, Map<String, Object> beans, int polls) throws Exception {
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        PollCounter counter = new PollCounter();
        Map<String, Object> all = new java.util.HashMap<>(beans);
        all.put("polls", counter);
        start(all, new RouteBuilder() {
            public void configure() {
                from(uri(bucket, options + "&includeBody=false&delay=20&initialDelay=0&pollStrategy=#polls"))
                        .process(e -> delivered.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class)));
            }
        });
        counter.awaitMore(polls, WAIT); // whole polls: everything selected was delivered by the first one
        return new TreeSet<>(delivered);
    }

    private static String seed(String hint) {
        String bucket = newBucket(hint);
        for (String key : List.of("orders/1.csv", "orders/2024/2.csv", "orders/draft/3.csv", "orders/4.txt", "invoices/5.pdf",
                "invoices/tmp-6.pdf", "ünïcode/7.csv")) {
            put(bucket, key, "data of " + key);
        }
        put(bucket, "big/8.csv", "x".repeat(5000));
        return bucket;
    }

    @Test
    void regularExpressionsMatchTheWholeKeyAndExcludeWins() throws Exception {
        String bucket = seed("regex");
        assertThat(deliver(bucket, "include=.*[.]csv&exclude=.*/draft/.*", Map.of(), 3))
                .containsExactly("big/8.csv", "orders/1.csv", "orders/2024/2.csv", "ünïcode/7.csv");
    }

    @Test
    void antPatternsSelectAndAntExcludeWins() throws Exception {
        String bucket = seed("ant");
        assertThat(deliver(bucket, "antInclude=orders/**/*.csv,invoices/*.pdf&antExclude=**/draft/**,**/tmp-*", Map.of(), 3))
                .containsExactly("invoices/5.pdf", "orders/1.csv", "orders/2024/2.csv");
    }

    @Test
    void filterBeanDecidesOnTheListingEntry() throws Exception {
        String bucket = seed("filter");
        List<ListEntry> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Predicate<ListEntry> bigCsv = e -> {
            seen.add(e);
            return e.getSize() > 1000 && e.getETag() != null && e.getLastModified() != null;
        };
        assertThat(deliver(bucket, "include=.*[.]csv&filter=#bigCsv", Map.of("bigCsv", bigCsv), 3)).containsExactly("big/8.csv");
        // asked only about what include let through, with the listing's size
        assertThat(seen).extracting(ListEntry::getKey).doesNotContain("orders/4.txt", "invoices/5.pdf");
        assertThat(seen).filteredOn(e -> e.getKey().equals("big/8.csv")).extracting(ListEntry::getSize).contains(5000L);
    }

    @Test
    void minAgeHoldsBackObjectsJustWritten() throws Exception {
        String bucket = seed("minage");
        // everything was written within the last seconds: an hour's minimum age delivers none of it, poll after poll
        assertThat(deliver(bucket, "minAge=1h", Map.of(), 5)).isEmpty();
        // the same objects with no minimum age (another endpoint) all go
        assertThat(deliver(bucket, "minAge=0", Map.of(), 3)).hasSize(8);
    }

    @Test
    void aBadPatternFailsTheRouteStartNamingTheOption() {
        String bucket = newBucket("badregex");
        assertThatThrownBy(() -> start(Map.of(), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "include=orders/(.*")).to("mock:x");
            }
        })).rootCause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option include");
    }
}
