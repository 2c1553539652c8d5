package dev.s3legacy.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.s3legacy.consumer.ConsumerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The consumer's requests, counted on the wire: what a poll costs and what includeBody=false skips. */
class ConsumerWireTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LAST_MODIFIED = "2024-05-01T10:00:00.000Z";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stopContexts() {
        contexts.forEach(CamelContext::stop);
    }

    private CamelContext start(Map<String, Object> beans, RouteBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        beans.forEach((name, bean) -> context.getRegistry().bind(name, bean));
        context.getShutdownStrategy().setTimeout(10);
        context.addRoutes(routes);
        contexts.add(context);
        context.start();
        return context;
    }

    private String uri(String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=http://127.0.0.1:" + wm.getPort()
                + "&accessKey=AKIDEXAMPLE&secretKey=RAW(secret/EXAMPLE/key)&maxRetries=0&" + options;
    }

    static String etagOf(String key) {
        return String.format("%032x", key.hashCode() & 0xffffffffL);
    }

    /** One ListObjects (V1) page; {@code nextMarker} null leaves NextMarker out. */
    static String page(String bucket, String marker, List<String> keys, boolean truncated, String nextMarker) {
        return page(bucket, marker, keys, truncated, nextMarker, ConsumerWireTest::etagOf);
    }

    static String page(String bucket, String marker, List<String> keys, boolean truncated, String nextMarker,
                       java.util.function.UnaryOperator<String> etags) {
        StringBuilder xml = new StringBuilder(keys.size() * 220 + 400);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(bucket).append("</Name><Prefix></Prefix><Marker>").append(marker == null ? "" : marker)
                .append("</Marker><MaxKeys>1000</MaxKeys><IsTruncated>").append(truncated).append("</IsTruncated>");
        if (nextMarker != null) {
            xml.append("<NextMarker>").append(nextMarker).append("</NextMarker>");
        }
        for (String key : keys) {
            xml.append("<Contents><Key>").append(key).append("</Key><LastModified>").append(LAST_MODIFIED)
                    .append("</LastModified><ETag>&quot;").append(etags.apply(key)).append("&quot;</ETag><Size>")
                    .append(key.length()).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    /** Stubs a listing of {@code pages}, each page requested with the marker given before it (null: none). */
    private void stubListing(String bucket, List<List<String>> pages, boolean withNextMarker) {
        String marker = null;
        for (int i = 0; i < pages.size(); i++) {
            List<String> keys = pages.get(i);
            boolean truncated = i < pages.size() - 1;
            String last = keys.get(keys.size() - 1);
            MappingBuilder request = get(urlPathEqualTo("/" + bucket + "/"))
                    .withQueryParam("marker", marker == null ? absent() : equalTo(marker));
            wm.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/xml")
                    .withBody(page(bucket, marker, keys, truncated, truncated && withNextMarker ? last : null))));
            marker = last;
        }
    }

    private void stubHead(String bucket) {
        wm.stubFor(head(urlPathMatching("/" + bucket + "/.+")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"0123456789abcdef0123456789abcdef\"")
                .withHeader("Content-Type", "text/x-headed")
                .withHeader("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT")
                .withHeader("x-amz-meta-Owner", "alice")));
    }

    private List<LoggedRequest> requests() {
        return wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    }

    private long count(String method, String pathRegex) {
        return requests().stream().filter(r -> r.getMethod().getName().equals(method))
                .filter(r -> r.getUrl().split("\\?")[0].matches(pathRegex)).count();
    }

    @Test
    void includeBodyFalseDeliversHeadersWithoutAnyGetOfTheObjects() throws Exception {
        String bucket = "nobody";
        stubListing(bucket, List.of(List.of("a.txt", "b/c.txt", "d.bin")), true);
        stubHead(bucket);
        List<Exchange> exchanges = new CopyOnWriteArrayList<>();
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();

        CamelContext context = start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "includeBody=false&delay=50&initialDelay=0&pollStrategy=#polls")).process(e -> exchanges.add(e.copy()));
            }
        });
        await("3 delivered", WAIT, () -> exchanges.size() >= 3);
        polls.awaitMore(3, WAIT);
        context.stop();

        assertThat(exchanges).hasSize(3);
        for (Exchange e : exchanges) {
            String key = e.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
            assertThat(e.getMessage().getBody()).as("body of " + key).isNull();
            assertThat(e.getMessage().getHeader(S3LegacyConstants.BUCKET_NAME)).isEqualTo(bucket);
            assertThat(e.getMessage().getHeader(S3LegacyConstants.CONTENT_LENGTH)).isEqualTo((long) key.length());
            assertThat(e.getMessage().getHeader(S3LegacyConstants.LAST_MODIFIED)).isEqualTo(Instant.parse(LAST_MODIFIED));
            assertThat(e.getMessage().getHeader(S3LegacyConstants.E_TAG)).isNotNull();
            assertThat(e.getMessage().getHeader(S3LegacyConstants.CONTENT_TYPE)).isEqualTo("text/x-headed");
            assertThat(e.getMessage().getHeader(S3LegacyConstants.METADATA)).isEqualTo(Map.of("owner", "alice"));
        }
        assertThat(exchanges).extracting(e -> e.getMessage().getHeader(S3LegacyConstants.KEY))
                .containsExactly("a.txt", "b/c.txt", "d.bin");
        // no GET of any object; one HEAD per object (for ContentType and Metadata, which a listing lacks), once
        assertThat(count("GET", "/" + bucket + "/.+")).isZero();
        assertThat(count("HEAD", "/" + bucket + "/.+")).isEqualTo(3);
        assertThat(count("GET", "/" + bucket + "/")).as("one listing request per poll").isEqualTo(polls.finished());
    }

    @Test
    void listingWithoutNextMarkerContinuesAfterTheLastKeyOfEachPage() throws Exception {
        String bucket = "nomarker";
        List<List<String>> pages = List.of(
                List.of("a-0", "a-1", "a-2", "a-3", "a-4"),
                List.of("b-0", "b-1", "b-2", "b-3", "b-4"),
                List.of("c-0", "c-1", "c-2", "c-3", "c-4"));
        stubListing(bucket, pages, false);
        stubHead(bucket);
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();
        List<String> delivered = keysOfFirstPoll(bucket, "includeBody=false", polls);

        assertThat(delivered).containsExactlyElementsOf(pages.stream().flatMap(List::stream).toList());
        assertThat(requests().stream().filter(r -> r.getMethod().getName().equals("GET"))
                .map(r -> r.queryParameter("marker").isPresent() ? r.queryParameter("marker").firstValue() : null).toList())
                .containsExactlyInAnyOrder(null, "a-4", "b-4");
    }

    /** SSE-C on the consumer's GET and on its move's copy (target and source), storage class on the copy only. */
    @Test
    void theConsumersFetchAndMoveCarryTheCustomerKeyAndTheMoveTheStorageClass() throws Exception {
        String bucket = "ssec";
        String key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlBQkNERUY=";
        stubListing(bucket, List.of(List.of("a.txt")), true);
        wm.stubFor(get(urlPathEqualTo("/" + bucket + "/a.txt")).willReturn(aResponse().withBody("data")
                .withHeader("ETag", "\"" + etagOf("a.txt") + "\"").withHeader("x-amz-version-id", "v-7")
                // as S3 answers an SSE-C GET; its ETag is then no MD5 of the data, so no download check applies
                .withHeader("x-amz-server-side-encryption-customer-algorithm", "AES256")));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/vault/old/a.txt")).willReturn(aResponse()
                .withBody("<CopyObjectResult><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>\"c\"</ETag></CopyObjectResult>")));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/" + bucket + "/a.txt"))
                .willReturn(aResponse().withStatus(204)));
        List<Object[]> seen = new CopyOnWriteArrayList<>();
        start(Map.of(), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "customerKey=RAW(" + key + ")&moveAfterRead=true&destinationBucket=vault&destinationPrefix=old/"
                        + "&storageClass=GLACIER_IR&delay=600000&initialDelay=0"))
                        .process(e -> seen.add(new Object[] {e.getMessage().getHeader(S3LegacyConstants.STORAGE_CLASS),
                                e.getMessage().getHeader(S3LegacyConstants.VERSION_ID)}));
            }
        });
        await("moved: the original deleted", WAIT, () -> count("DELETE", "/" + bucket + "/a.txt") == 1);

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsExactly("STANDARD", "v-7"); // the listing's class (GET sent none), the GET's version
        LoggedRequest fetch = requests().stream().filter(r -> r.getMethod().getName().equals("GET") && r.getUrl().startsWith("/ssec/a.txt"))
                .findFirst().orElseThrow();
        LoggedRequest copy = requests().stream().filter(r -> r.getMethod().getName().equals("PUT")).findFirst().orElseThrow();
        LoggedRequest delete = requests().stream().filter(r -> r.getMethod().getName().equals("DELETE")).findFirst().orElseThrow();
        String sseC = "x-amz-server-side-encryption-customer-";
        for (String prefix : List.of(sseC, "x-amz-copy-source-server-side-encryption-customer-")) {
            assertThat(copy.getHeader(prefix + "algorithm")).isEqualTo("AES256");
            assertThat(copy.getHeader(prefix + "key")).isEqualTo(key);
        }
        assertThat(fetch.getHeader(sseC + "key")).isEqualTo(key);
        assertThat(fetch.getHeader(sseC + "key-MD5")).isEqualTo(copy.getHeader(sseC + "key-MD5")).isNotBlank();
        assertThat(copy.getHeader("x-amz-storage-class")).isEqualTo("GLACIER_IR");
        assertThat(copy.getHeader("x-amz-copy-source")).isEqualTo("/ssec/a.txt");
        assertThat(copy.getHeader("x-amz-copy-source-if-match")).isEqualTo("\"" + etagOf("a.txt") + "\"");
        assertThat(fetch.getHeader("x-amz-storage-class")).isNull();
        assertThat(delete.getAllHeaderKeys()).noneMatch(h -> h.toLowerCase().contains("customer"));
    }

    @Test
    void bodiesAreFetchedOneAtATimeAsEachExchangeIsProcessed() throws Exception {
        String bucket = "lazy";
        stubListing(bucket, List.of(List.of("k1", "k2", "k3", "k4")), true);
        wm.stubFor(get(urlPathMatching("/" + bucket + "/.+")).willReturn(aResponse().withStatus(200).withBody("data")));
        List<Long> getsSeenByExchange = new CopyOnWriteArrayList<>();

        start(Map.of(), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "delay=600000&initialDelay=0"))
                        .process(e -> getsSeenByExchange.add(count("GET", "/" + bucket + "/.+")));
            }
        });
        await("4 delivered", WAIT, () -> getsSeenByExchange.size() >= 4);

        // when the n-th exchange is processed, only n objects have been fetched: its own and those before it
        assertThat(getsSeenByExchange).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anObjectWhoseFetchFailsIsDeliveredByALaterPoll() throws Exception {
        String bucket = "fetchfail";
        stubListing(bucket, List.of(List.of("a.txt", "b.txt", "c.txt")), true);
        wm.stubFor(get(urlPathMatching("/" + bucket + "/.+")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"aa\"").withBody("ok")));
        // b.txt: the first GET answers 500, the next ones 200
        wm.stubFor(get(urlPathEqualTo("/" + bucket + "/b.txt")).inScenario("b").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>InternalError</Code><Message>boom</Message></Error>"))
                .willSetStateTo("recovered"));
        wm.stubFor(get(urlPathEqualTo("/" + bucket + "/b.txt")).inScenario("b").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"bb\"").withBody("b data")));
        List<String> delivered = new CopyOnWriteArrayList<>();
        Map<String, String> bodies = new ConcurrentHashMap<>();
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();

        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "delay=50&initialDelay=0&pollStrategy=#polls")).process(e -> {
                    String key = e.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                    bodies.put(key, e.getMessage().getBody(String.class));
                    delivered.add(key);
                });
            }
        });
        await("all 3 delivered", WAIT, () -> delivered.size() >= 3);
        polls.awaitMore(3, WAIT);

        assertThat(delivered).containsExactly("a.txt", "c.txt", "b.txt");
        assertThat(bodies.get("b.txt")).isEqualTo("b data");
        assertThat(count("GET", "/" + bucket + "/b.txt")).isEqualTo(2);
    }

    @Test
    void anObjectRewrittenBetweenListingAndGetIsDeliveredOnceWithItsNewData() throws Exception {
        String bucket = "rewrite";
        String listed = "11111111111111111111111111111111";
        // the real MD5 of the new data: the client checks a downloaded body against a plain-MD5 ETag
        String fetched = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest("new data".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String path = "/" + bucket + "/";
        // the first listing still shows the old version; the GET and every later listing the new one
        wm.stubFor(get(urlPathEqualTo(path)).inScenario("rewrite").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withBody(page(bucket, null, List.of("k.txt"), false, null, k -> listed)))
                .willSetStateTo("rewritten"));
        wm.stubFor(get(urlPathEqualTo(path)).inScenario("rewrite").whenScenarioStateIs("rewritten")
                .willReturn(aResponse().withBody(page(bucket, null, List.of("k.txt"), false, null, k -> fetched))));
        wm.stubFor(get(urlPathEqualTo(path + "k.txt")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"" + fetched + "\"").withBody("new data")));
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> etags = new CopyOnWriteArrayList<>();
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();

        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "delay=50&initialDelay=0&pollStrategy=#polls")).process(e -> {
                    etags.add(e.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class));
                    bodies.add(e.getMessage().getBody(String.class));
                });
            }
        });
        await("delivered", WAIT, () -> !bodies.isEmpty());
        polls.awaitMore(3, WAIT);

        assertThat(bodies).containsExactly("new data");
        assertThat(etags).containsExactly(fetched);
    }

    /**
     * The cost of a poll that finds nothing new in a 10,000-object bucket: its 10 listing requests (pages of
     * 1,000 with IsTruncated and NextMarker), no GET and no HEAD of any object. Every object is already
     * remembered: the repository is seeded with the ids a delivery stores (ETag, a space, the key).
     */
    @Test
    void emptyPollOfTenThousandObjectsCostsOnlyTheTenListingRequests() throws Exception {
        String bucket = "big";
        List<List<String>> pages = new ArrayList<>();
        MemoryIdempotentRepository repository = (MemoryIdempotentRepository) MemoryIdempotentRepository
                .memoryIdempotentRepository(new ConcurrentHashMap<>());
        for (int p = 0; p < 10; p++) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String key = String.format("obj-%05d", p * 1000 + i);
                keys.add(key);
                repository.add(etagOf(key) + " " + key);
            }
            pages.add(keys);
        }
        stubListing(bucket, pages, true);
        stubHead(bucket);
        wm.stubFor(get(urlPathMatching("/" + bucket + "/.+")).willReturn(aResponse().withBody("data")));
        List<String> delivered = new CopyOnWriteArrayList<>();
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();

        CamelContext context = start(Map.of("polls", polls, "repo", repository), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "idempotentRepository=#repo&delay=600000&initialDelay=0&pollStrategy=#polls"))
                        .process(e -> delivered.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class)));
            }
        });
        await("one poll", WAIT, () -> polls.finished() >= 1);
        context.stop();

        assertThat(polls.finished()).isEqualTo(1);
        assertThat(polls.delivered()).containsExactly(0);
        assertThat(delivered).isEmpty();
        List<LoggedRequest> all = requests();
        assertThat(all).as("requests of the poll").hasSize(10)
                .allMatch(r -> r.getMethod().getName().equals("GET") && r.getUrl().split("\\?")[0].equals("/" + bucket + "/"));
        List<String> markers = new ArrayList<>();
        for (LoggedRequest r : all) {
            markers.add(r.queryParameter("marker").isPresent() ? r.queryParameter("marker").firstValue() : "");
        }
        assertThat(markers).containsExactlyInAnyOrder("", "obj-00999", "obj-01999", "obj-02999", "obj-03999",
                "obj-04999", "obj-05999", "obj-06999", "obj-07999", "obj-08999");
    }

    /** The requests in the order they arrived (the journal lists the newest first). */
    private List<LoggedRequest> requestsInOrder() {
        List<LoggedRequest> all = new ArrayList<>(requests());
        java.util.Collections.reverse(all);
        return all;
    }

    private long listings(String bucket) {
        return count("GET", "/" + bucket + "/");
    }

    private List<LoggedRequest> listingRequests(String bucket) {
        return requests().stream().filter(r -> r.getMethod().getName().equals("GET"))
                .filter(r -> r.getUrl().split("\\?")[0].equals("/" + bucket + "/")).toList();
    }

    private static String urlEncodedPage(String bucket, List<String> encodedKeys, boolean truncated, String encodedNextMarker) {
        return page(bucket, null, encodedKeys, truncated, encodedNextMarker)
                .replace("</ListBucketResult>", "<EncodingType>url</EncodingType></ListBucketResult>");
    }

    @Test
    void listingsAskForUrlEncodedKeysSoKeysXmlCannotCarryStillArrive() throws Exception {
        String bucket = "encoded";
        // page 1 holds U+0001 and a raw CR, which no XML 1.0 document can carry: encoded, they can
        wm.stubFor(get(urlPathEqualTo("/" + bucket + "/")).withQueryParam("marker", absent())
                .willReturn(aResponse().withBody(urlEncodedPage(bucket, List.of("a%01b", "c%0D"), true, "c%0D"))));
        // the marker sent back is the decoded key (the client encodes it again on the wire)
        wm.stubFor(get(urlPathEqualTo("/" + bucket + "/")).withQueryParam("marker", equalTo("c\r"))
                .willReturn(aResponse().withBody(urlEncodedPage(bucket, List.of("d%2Bplus", "e+space"), false, null))));
        stubHead(bucket);
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();
        List<String> delivered = keysOfFirstPoll(bucket, "includeBody=false", polls);

        assertThat(listingRequests(bucket)).as("listing requests").hasSize(2)
                .allSatisfy(r -> assertThat(r.queryParameter("encoding-type").isPresent()
                        ? r.queryParameter("encoding-type").firstValue() : null).as(r.getUrl()).isEqualTo("url"));
        assertThat(polls.failures()).isEmpty();
        assertThat(delivered).containsExactly("a\u0001b", "c\r", "d+plus", "e space");
    }

    @Test
    void aStoreIgnoringEncodingTypeHasItsKeysTakenAsListed() throws Exception {
        String bucket = "plainkeys";
        // no EncodingType in the answer: a '%' or '+' in a key is part of the key
        stubListing(bucket, List.of(List.of("100%25 off", "a+b")), true);
        stubHead(bucket);
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();
        List<String> delivered = keysOfFirstPoll(bucket, "includeBody=false", polls);

        assertThat(delivered).containsExactly("100%25 off", "a+b");
    }

    @Test
    void aStoreRepeatingTheSameNextMarkerEndsThePollWithANamedError() throws Exception {
        String bucket = "loops";
        String path = "/" + bucket + "/";
        wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("marker", absent())
                .willReturn(aResponse().withBody(page(bucket, null, List.of("a"), true, "m"))));
        // a broken store answers marker=m with NextMarker m again; five times at most, so that a consumer
        // which does not notice still ends its poll and the test with it
        for (int i = 0; i < 5; i++) {
            wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("marker", equalTo("m")).inScenario("loop")
                    .whenScenarioStateIs(i == 0 ? STARTED : "repeat " + i)
                    .willReturn(aResponse().withBody(page(bucket, "m", List.of("n"), true, "m"))).willSetStateTo("repeat " + (i + 1)));
        }
        wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("marker", equalTo("m")).inScenario("loop")
                .whenScenarioStateIs("repeat 5").willReturn(aResponse().withBody(page(bucket, "m", List.of("n"), false, null))));
        stubHead(bucket);
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();
        List<String> delivered = keysOfFirstPoll(bucket, "includeBody=false", polls);

        assertThat(listings(bucket)).as("listing requests: the first page, then the one that repeated its marker").isEqualTo(2);
        assertThat(polls.failures()).as("the poll ends with an error naming the store's behaviour").hasSize(1);
        assertThat(polls.failures().get(0)).hasMessageContaining("ListingNotAdvancing")
                .hasMessageContaining("next marker 'm' it was asked for").hasMessageContaining(bucket);
        assertThat(delivered).containsExactly("a", "n");
    }

    @Test
    void eachListingPageIsProcessedBeforeTheNextPageIsRequested() throws Exception {
        String bucket = "pagewise";
        stubListing(bucket, List.of(List.of("a-0", "a-1", "a-2"), List.of("b-0", "b-1", "b-2"), List.of("c-0", "c-1", "c-2")), true);
        stubHead(bucket);
        List<Long> listingsSeen = new CopyOnWriteArrayList<>();
        List<String> batches = new CopyOnWriteArrayList<>();
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();

        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, "includeBody=false&delay=600000&initialDelay=0&pollStrategy=#polls")).process(e -> {
                    listingsSeen.add(listings(bucket));
                    batches.add(e.getProperty(Exchange.BATCH_INDEX) + "/" + e.getProperty(Exchange.BATCH_SIZE)
                            + (e.getProperty(Exchange.BATCH_COMPLETE, Boolean.class) ? " complete" : ""));
                });
            }
        });
        await("one poll", WAIT, () -> polls.finished() >= 1);

        // when an exchange is processed, only the pages up to its own have been listed
        assertThat(listingsSeen).containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L);
        // a batch is the new objects of one page
        assertThat(batches).containsExactly("0/3", "1/3", "2/3 complete", "0/3", "1/3", "2/3 complete", "0/3", "1/3",
                "2/3 complete");
        assertThat(polls.delivered()).as("the poll counts every object it processed").containsExactly(9);
    }

    @Test
    void deleteAfterReadChecksTheETagRightBeforeDeletingOnAStoreWithoutConditionalDelete() throws Exception {
        String bucket = "olddelete";
        String path = "/" + bucket + "/";
        stubListing(bucket, List.of(List.of("a-same.txt", "b-rewritten.txt")), true);
        String delivered = "0123456789abcdef0123456789abcdef";
        String newer = "fedcba9876543210fedcba9876543210";
        // the fetch (HEAD, includeBody=false) sees the delivered version; the check before deleting sees what is there then
        for (String key : List.of("a-same.txt", "b-rewritten.txt")) {
            wm.stubFor(head(urlPathEqualTo(path + key)).inScenario(key).whenScenarioStateIs(STARTED)
                    .willReturn(aResponse().withHeader("ETag", "\"" + delivered + "\"")).willSetStateTo("fetched"));
            wm.stubFor(head(urlPathEqualTo(path + key)).inScenario(key).whenScenarioStateIs("fetched")
                    .willReturn(aResponse().withHeader("ETag", "\"" + (key.startsWith("a") ? delivered : newer) + "\"")));
        }
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathMatching(path + ".+"))
                .willReturn(aResponse().withStatus(204)));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathMatching(path + ".+"))
                .withHeader("If-Match", com.github.tomakehurst.wiremock.client.WireMock.matching(".*"))
                .willReturn(aResponse().withStatus(501).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>NotImplemented</Code><Message>A header you provided implies functionality"
                                + " that is not implemented</Message></Error>")));
        ConsumerTestSupport.PollCounter polls = new ConsumerTestSupport.PollCounter();
        List<String> processed = keysOfFirstPoll(bucket, "includeBody=false&deleteAfterRead=true", polls);

        assertThat(processed).containsExactly("a-same.txt", "b-rewritten.txt");
        List<String> calls = requestsInOrder().stream().filter(r -> !r.getMethod().getName().equals("GET"))
                .map(r -> r.getMethod().getName() + " " + r.getUrl() + (r.containsHeader("If-Match") ? " If-Match " + r.getHeader("If-Match") : ""))
                .toList();
        assertThat(calls).containsExactly(
                "HEAD " + path + "a-same.txt",
                "DELETE " + path + "a-same.txt If-Match \"" + delivered + "\"", // 501: the store has no conditional delete
                "HEAD " + path + "a-same.txt", // same ETag right before deleting: delete
                "DELETE " + path + "a-same.txt",
                "HEAD " + path + "b-rewritten.txt",
                "HEAD " + path + "b-rewritten.txt"); // rewritten since it was fetched: left for a later poll
    }

    /** Starts a route on the bucket with these options, waits for its first poll, and returns the keys it delivered. */
    private List<String> keysOfFirstPoll(String bucket, String options, ConsumerTestSupport.PollCounter polls) throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        start(Map.of("polls", polls), new RouteBuilder() {
            public void configure() {
                from(uri(bucket, options + "&delay=600000&initialDelay=0&pollStrategy=#polls"))
                        .process(e -> delivered.add(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class)));
            }
        });
        await("one poll", WAIT, () -> polls.finished() >= 1);
        return delivered;
    }
}
