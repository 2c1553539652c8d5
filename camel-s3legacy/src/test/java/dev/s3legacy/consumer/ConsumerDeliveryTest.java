package dev.s3legacy.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which objects the consumer delivers, how often, and what each exchange carries. */
class ConsumerDeliveryTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Keys delivered, in order, with duplicates (a key delivered twice appears twice). */
    private static Map<String, Long> counts(List<String> delivered) {
        return delivered.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<String> duplicates(List<String> delivered) {
        return counts(delivered).entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    @Test
    void everyKeyUnderThePrefixOnceAcrossPagesAndCappedPollsThenNewAndRewrittenKeysOnce() throws Exception {
        String bucket = newBucket("pages");
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 350; i++) {
            String key = String.format("in/k-%04d", i);
            put(bucket, key, "v1 " + key);
            expected.add(key);
        }
        // outside the prefix, before and after it in key order
        for (String key : List.of("a-outside", "im/x", "in.txt", "inx/k-0001", "out/k-0001", "zz")) {
            put(bucket, key, "outside");
        }
        List<String> delivered = new CopyOnWriteArrayList<>();
        Map<String, String> bodies = new ConcurrentHashMap<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        Set<String> addedDuringPoll = new TreeSet<>(List.of("in/a-added-while-polling", "in/k-0150-added-while-polling",
                "in/z-added-while-polling"));
        PollCounter polls = new PollCounter();

        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "prefix=in/&maxKeys=100&maxMessagesPerPoll=60&delay=50&initialDelay=0&pollStrategy=#polls"))
                        .process(e -> {
                            String key = e.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                            batchSizes.add(e.getProperty(Exchange.BATCH_SIZE, Integer.class));
                            bodies.put(key, e.getMessage().getBody(String.class));
                            delivered.add(key);
                            if (delivered.size() == 100) {
                                // keys appearing while polls run: before, inside and after what was walked already
                                addedDuringPoll.forEach(k -> put(bucket, k, "added"));
                            }
                        });
            }
        });

        expected.addAll(addedDuringPoll);
        await("all " + expected.size() + " keys delivered", WAIT, () -> delivered.size() >= expected.size());
        polls.awaitMore(3, WAIT); // quiet polls: nothing more may come
        assertThat(duplicates(delivered)).as("keys delivered more than once").isEmpty();
        assertThat(new TreeSet<>(delivered)).isEqualTo(expected);
        assertThat(batchSizes).as("maxMessagesPerPoll caps each poll").allMatch(size -> size <= 60);
        assertThat(polls.delivered()).as("a capped poll delivers exactly 60").contains(60);
        assertThat(bodies.get("in/k-0123")).isEqualTo("v1 in/k-0123");

        // keys added later, before and after the existing ones: each delivered once
        List<String> later = List.of("in/0-later", "in/k-0200-later", "in/zz-later");
        later.forEach(k -> put(bucket, k, "later"));
        await("later keys delivered", WAIT, () -> delivered.containsAll(later));
        polls.awaitMore(3, WAIT);
        assertThat(duplicates(delivered)).isEmpty();
        assertThat(delivered).hasSize(expected.size() + later.size());

        // a rewritten object (new ETag) is new: delivered again, once, with its new data
        put(bucket, "in/k-0007", "v2 rewritten");
        await("rewritten key delivered again", WAIT, () -> counts(delivered).get("in/k-0007") == 2);
        polls.awaitMore(3, WAIT);
        Map<String, Long> counts = counts(delivered);
        assertThat(counts.get("in/k-0007")).isEqualTo(2);
        assertThat(counts.values().stream().filter(c -> c > 1).count()).as("only the rewritten key twice").isEqualTo(1);
        assertThat(delivered).hasSize(expected.size() + later.size() + 1);
        assertThat(bodies.get("in/k-0007")).isEqualTo("v2 rewritten");
        assertThat(delivered).allMatch(k -> k.startsWith("in/"));
    }

    @Test
    void batchPropertiesAndTheContractHeadersOnEveryExchange() throws Exception {
        String bucket = newBucket("headers");
        Map<String, String> etags = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            String key = "doc-" + i + ".json";
            etags.put(key, put(bucket, key, "{\"n\":" + i + "}", "application/x-test-" + i,
                    Map.of("Owner", "alice", "seq", String.valueOf(i))));
        }
        Instant before = Instant.now().minusSeconds(120);
        List<Exchange> exchanges = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();

        start(Map.of(), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "delay=50&initialDelay=0")).process(e -> {
                    bodies.add(e.getMessage().getBody(String.class));
                    exchanges.add(e.copy());
                });
            }
        });

        await("5 exchanges", WAIT, () -> exchanges.size() >= 5);
        List<Integer> indexes = new ArrayList<>();
        for (Exchange e : exchanges) {
            indexes.add(e.getProperty(Exchange.BATCH_INDEX, Integer.class));
            assertThat(e.getProperty(Exchange.BATCH_SIZE)).isEqualTo(5);
            assertThat(e.getProperty(Exchange.BATCH_COMPLETE))
                    .isEqualTo(e.getProperty(Exchange.BATCH_INDEX, Integer.class) == 4);

            Message m = e.getMessage();
            String key = m.getHeader(S3LegacyConstants.KEY, String.class);
            int n = Integer.parseInt(key.substring(4, 5));
            assertThat(m.getHeader(S3LegacyConstants.BUCKET_NAME)).isEqualTo(bucket);
            assertThat(m.getHeader(S3LegacyConstants.E_TAG)).isEqualTo(etags.get(key)).asString().doesNotContain("\"");
            assertThat(m.getHeader(S3LegacyConstants.CONTENT_LENGTH)).isInstanceOf(Long.class)
                    .isEqualTo((long) ("{\"n\":" + n + "}").length());
            assertThat(m.getHeader(S3LegacyConstants.LAST_MODIFIED)).isInstanceOf(Instant.class);
            assertThat(m.getHeader(S3LegacyConstants.LAST_MODIFIED, Instant.class)).isAfter(before)
                    .isBefore(Instant.now().plusSeconds(120));
            assertThat(m.getHeader(S3LegacyConstants.CONTENT_TYPE)).isEqualTo("application/x-test-" + n);
            assertThat(m.getHeader(S3LegacyConstants.METADATA)).isInstanceOf(Map.class);
            assertThat(m.getHeader(S3LegacyConstants.METADATA, Map.class))
                    .isEqualTo(new LinkedHashMap<>(Map.of("owner", "alice", "seq", String.valueOf(n))));
        }
        assertThat(indexes).containsExactly(0, 1, 2, 3, 4);
        assertThat(bodies).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
    }

    @Test
    void folderPlaceholdersOnlyWithIncludeFoldersAndDelimiterLimitsToOneLevel() throws Exception {
        String bucket = newBucket("folders");
        for (String key : List.of("p/top.txt", "p/folder/", "p/folder/a.txt", "p/sub/deep/b.txt", "p/sub/deep/", "q/other.txt")) {
            put(bucket, key, key.endsWith("/") ? "" : "data");
        }
        List<String> variants = List.of("includeFolders=false", "includeFolders=true", "delimiter=/",
                "delimiter=/&includeFolders=true");
        Map<String, List<String>> delivered = new ConcurrentHashMap<>();
        Map<String, Object> polls = new HashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            polls.put("polls" + i, new PollCounter());
            delivered.put(variants.get(i), new CopyOnWriteArrayList<>());
        }

        start(polls, new RouteBuilder() {
            public void configure() {
                for (int i = 0; i < variants.size(); i++) {
                    String variant = variants.get(i);
                    from(uri(bucket, "prefix=p/&delay=50&initialDelay=0&pollStrategy=#polls" + i + "&" + variant))
                            .process(e -> delivered.get(variant).add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class)));
                }
            }
        });

        for (Object counter : polls.values()) {
            ((PollCounter) counter).awaitMore(3, WAIT); // whole polls of each route: all that comes has come
        }
        assertThat(delivered.get("includeFolders=false"))
                .containsExactlyInAnyOrder("p/top.txt", "p/folder/a.txt", "p/sub/deep/b.txt");
        assertThat(delivered.get("includeFolders=true"))
                .containsExactlyInAnyOrder("p/top.txt", "p/folder/", "p/folder/a.txt", "p/sub/deep/b.txt", "p/sub/deep/");
        assertThat(delivered.get("delimiter=/")).containsExactly("p/top.txt");
        assertThat(delivered.get("delimiter=/&includeFolders=true")).containsExactly("p/top.txt");
    }

    @Test
    void defaultRepositoryStaysBoundedWhenAKeyIsRewrittenAgainAndAgain() throws Exception {
        String bucket = newBucket("rewritten");
        put(bucket, "steady.txt", "never changes");
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        PollCounter polls = new PollCounter();
        // a repository the user configured is the user's: never pruned
        org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository mine =
                new org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository(new ConcurrentHashMap<>());
        List<String> deliveredWithMine = new CopyOnWriteArrayList<>();

        org.apache.camel.CamelContext context = start(Map.of("polls", polls, "mine", mine), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "delay=20&initialDelay=0&pollStrategy=#polls")).routeId("s3")
                        .process(e -> delivered.add(e.getMessage().getBody(String.class)));
                from(uri(bucket, "delay=20&initialDelay=0&idempotentRepository=#mine"))
                        .process(e -> deliveredWithMine.add(e.getMessage().getBody(String.class)));
            }
        });
        dev.s3legacy.S3LegacyConsumer consumer = (dev.s3legacy.S3LegacyConsumer) context.getRoute("s3").getConsumer();
        int rewrites = 12;
        for (int i = 1; i <= rewrites; i++) {
            String version = "minute " + i;
            put(bucket, "daily.csv", version);
            await(version + " delivered", WAIT, () -> delivered.contains(version) && deliveredWithMine.contains(version));
            polls.awaitMore(2, WAIT); // a whole poll after the delivery: a complete walk of the listing
            sizes.add(consumer.getDefaultRepositorySize());
        }

        // one entry per object in the bucket, not one per version ever delivered
        assertThat(sizes).as("default repository size after each rewrite").allMatch(size -> size <= 2);
        assertThat(duplicates(delivered)).as("nothing delivered again").isEmpty();
        assertThat(delivered).hasSize(rewrites + 1).contains("never changes");
        assertThat(consumer.getDefaultRepositorySize()).isLessThanOrEqualTo(2);
        assertThat(mine.getCacheSize()).as("the configured repository keeps every version").isEqualTo(rewrites + 1);
        assertThat(deliveredWithMine).hasSize(rewrites + 1);
    }

    @Test
    void keysXmlCannotCarryAreDeliveredFromARealStore() throws Exception {
        String bucket = newBucket("xml-hostile");
        // U+0001 and a raw CR cannot appear in an XML 1.0 listing; with encoding-type=url they arrive encoded
        List<String> hostile = List.of("a\u0001b.txt", "c\rd.txt", "e f+g%h.txt");
        for (String key : hostile) {
            put(bucket, key, "data of " + key);
        }
        Map<String, String> bodies = new ConcurrentHashMap<>();
        PollCounter polls = new PollCounter();

        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                // maxKeys=1: every key is also the marker of the next listing request
                from(uri(bucket, "maxKeys=1&delay=50&initialDelay=0&pollStrategy=#polls")).process(e -> bodies
                        .put(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class), e.getMessage().getBody(String.class)));
            }
        });
        await("every key delivered", WAIT, () -> bodies.size() >= hostile.size());
        polls.awaitMore(2, WAIT);

        assertThat(polls.failures()).isEmpty();
        assertThat(bodies).hasSize(hostile.size());
        for (String key : hostile) {
            assertThat(bodies.get(key)).isEqualTo("data of " + key);
        }
    }
}
