package dev.s3legacy.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.S3LegacyOperations;
import dev.s3legacy.S3LegacyProducer;
import dev.s3legacy.client.SignatureVersion;
import org.apache.camel.AsyncEndpoint;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the producer puts on the wire where s3proxy cannot tell: createBucket's location (s3proxy
 * ignores it), bucket logging (s3proxy answers 501), failed keys of deleteObjects, that presigning sends
 * nothing, and that the producer does not hold the calling thread while a request is in flight.
 */
class ProducerWireTest extends CamelTestSupport {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String LOGGING = "<BucketLoggingStatus xmlns=\"http://doc.s3.amazonaws.com/2006-03-01\"><LoggingEnabled>"
            + "<TargetBucket>logs</TargetBucket><TargetPrefix>p/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>";

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
            }
        };
    }

    private static String uri(SignatureVersion v, String options) {
        return "s3legacy:my-bucket?endpoint=http://127.0.0.1:" + wm.getPort()
                + "&accessKey=AKIDEXAMPLE&secretKey=RAW(secret/EXAMPLE/key)&signatureVersion=" + v + "&" + options;
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String authPrefix(SignatureVersion v) {
        return v == SignatureVersion.V2 ? "AWS AKIDEXAMPLE:" : "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/";
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void createBucketWithLocationSendsCreateBucketConfiguration(SignatureVersion v) {
        wm.stubFor(put(urlEqualTo("/my-bucket/")).willReturn(aResponse().withStatus(200)));
        Exchange e = template.send(uri(v, "operation=createBucket&location=eu-west-1"), x -> { });
        assertThat(e.getException()).isNull();
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("PUT");
        assertThat(r.getUrl()).isEqualTo("/my-bucket/");
        assertThat(r.getBodyAsString()).contains("<CreateBucketConfiguration")
                .contains("<LocationConstraint>eu-west-1</LocationConstraint>");
        assertThat(r.getHeader("Authorization")).startsWith(authPrefix(v));

        // the header overrides the option
        wm.resetRequests();
        template.sendBodyAndHeader(uri(v, "operation=createBucket&location=eu-west-1"), null, S3LegacyConstants.LOCATION, "EU");
        assertThat(onlyRequest().getBodyAsString()).contains("<LocationConstraint>EU</LocationConstraint>");

        // without a location: no body at all
        wm.resetRequests();
        template.sendBody(uri(v, "operation=createBucket"), null);
        assertThat(onlyRequest().getBodyAsString()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void getBucketLoggingSendsGetLoggingAndReturnsTheDocument(SignatureVersion v) {
        wm.stubFor(get(urlEqualTo("/my-bucket/?logging")).willReturn(aResponse().withBody(LOGGING)));
        Object body = template.requestBody(uri(v, "operation=getBucketLogging"), (Object) null);
        assertThat(body).isEqualTo(LOGGING);
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("GET");
        assertThat(r.getUrl()).isEqualTo("/my-bucket/?logging");
        assertThat(r.getHeader("Authorization")).startsWith(authPrefix(v));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void putBucketLoggingSendsTheBodyDocument(SignatureVersion v) {
        wm.stubFor(put(urlEqualTo("/my-bucket/?logging")).willReturn(aResponse().withStatus(200)));
        Exchange e = template.send(uri(v, "operation=putBucketLogging"), x -> x.getMessage().setBody(LOGGING));
        assertThat(e.getException()).isNull();
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("PUT");
        assertThat(r.getUrl()).isEqualTo("/my-bucket/?logging");
        assertThat(r.getBodyAsString()).isEqualTo(LOGGING);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/xml");
        assertThat(r.getHeader("Authorization")).startsWith(authPrefix(v));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void deleteObjectsReturnsTheKeysThatFailed(SignatureVersion v) {
        wm.stubFor(post(urlEqualTo("/my-bucket/?delete")).willReturn(aResponse().withBody(
                "<DeleteResult><Deleted><Key>k1</Key></Deleted><Error><Key>k2</Key><Code>AccessDenied</Code>"
                        + "<Message>Access Denied</Message></Error></DeleteResult>")));
        Exchange e = template.send(uri(v, "operation=deleteObjects"),
                x -> x.getMessage().setHeader(S3LegacyConstants.KEYS_TO_DELETE, List.of("k1", "k2")));
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getBody(List.class)).containsExactly("k2");
        LoggedRequest r = onlyRequest();
        assertThat(r.getBodyAsString()).contains("<Key>k1</Key>").contains("<Key>k2</Key>");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void presignSendsNothing(SignatureVersion v) {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        for (S3LegacyOperations op : S3LegacyOperations.values()) {
            Exchange e = template.send(uri(v, "presign=true"), x -> {
                x.getMessage().setBody("<AccessControlPolicy/>");
                x.getMessage().setHeader(S3LegacyConstants.OPERATION, op);
                x.getMessage().setHeader(S3LegacyConstants.KEY, "k.txt");
                x.getMessage().setHeader(S3LegacyConstants.DESTINATION_KEY, "copy.txt");
                x.getMessage().setHeader(S3LegacyConstants.KEYS_TO_DELETE, List.of("k.txt"));
            });
            assertThat(e.getException()).as(op.name()).isNull();
            String url = e.getMessage().getHeader(S3LegacyConstants.PRESIGNED_URL, String.class);
            assertThat(url).as(op.name()).startsWith("http://127.0.0.1:" + wm.getPort() + "/");
            assertThat(e.getMessage().getBody()).as(op.name()).isEqualTo(url);
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void conditionalAndRangeHeadersGoOnTheWire(SignatureVersion v) {
        wm.stubFor(get(urlEqualTo("/my-bucket/k.txt")).willReturn(aResponse().withStatus(304)));
        Exchange e = template.send(uri(v, "operation=get"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k.txt");
            x.getMessage().setHeader(S3LegacyConstants.IF_NONE_MATCH, "0123abcd"); // as the ETag header gives it
            x.getMessage().setHeader(S3LegacyConstants.IF_MODIFIED_SINCE, java.time.Instant.parse("2024-03-01T10:15:30Z"));
            x.getMessage().setHeader(S3LegacyConstants.RANGE, "bytes=0-3");
        });
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(304);
        assertThat(e.getMessage().getBody()).isNull();
        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("If-None-Match")).isEqualTo("\"0123abcd\"");
        assertThat(r.getHeader("If-Modified-Since")).isEqualTo("Fri, 01 Mar 2024 10:15:30 GMT");
        assertThat(r.getHeader("Range")).isEqualTo("bytes=0-3");

        wm.resetRequests();
        template.send(uri(v, "operation=get"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k.txt");
            x.getMessage().setHeader(S3LegacyConstants.IF_NONE_MATCH, "\"already-quoted\"");
        });
        assertThat(onlyRequest().getHeader("If-None-Match")).isEqualTo("\"already-quoted\"");
    }

    @Test
    void theProducerIsAsynchronousAndDoesNotHoldTheCallingThread() throws Exception {
        wm.stubFor(get(urlEqualTo("/my-bucket/slow.txt"))
                .willReturn(aResponse().withBody("slow").withFixedDelay(1500)));
        Endpoint endpoint = context.getEndpoint(uri(SignatureVersion.V4, "operation=get"));
        Producer producer = endpoint.createProducer();
        assertThat(producer).isInstanceOf(AsyncProducer.class).isInstanceOf(S3LegacyProducer.class);
        assertThat(endpoint).isInstanceOf(AsyncEndpoint.class); // what the component metadata reports as "async"
        producer.start();
        try {
            int n = 8;
            CountDownLatch done = new CountDownLatch(n);
            List<Exchange> exchanges = new ArrayList<>();
            List<Boolean> sync = new ArrayList<>();
            List<String> callbackThreads = java.util.Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Exchange ex = endpoint.createExchange();
                ex.getMessage().setHeader(S3LegacyConstants.KEY, "slow.txt");
                exchanges.add(ex);
                // all eight from this one thread: each call must return before its response arrives
                sync.add(((AsyncProducer) producer).process(ex, doneSync -> {
                    callbackThreads.add(Thread.currentThread().getName());
                    done.countDown();
                }));
            }
            long issuedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(sync).as("process returns false: the exchange continues asynchronously").containsOnly(false);
            assertThat(issuedMillis).as("8 requests issued without waiting for the 1.5 s responses").isLessThan(1500);
            assertThat(done.getCount()).as("no response yet when every request was issued").isGreaterThan(0);

            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            long totalMillis = (System.nanoTime() - start) / 1_000_000;
            // eight 1.5 s requests in flight together, not one after another (that would take 12 s)
            assertThat(totalMillis).isLessThan(8 * 1500 / 2);
            assertThat(callbackThreads).doesNotContain(Thread.currentThread().getName());
            for (Exchange ex : exchanges) {
                assertThat(ex.getException()).isNull();
                assertThat(ex.getMessage().getBody(String.class)).isEqualTo("slow");
            }
        } finally {
            producer.stop();
        }
    }

    @Test
    void failuresBeforeSendingCompleteSynchronously() throws Exception {
        Endpoint endpoint = context.getEndpoint(uri(SignatureVersion.V4, "operation=get"));
        AsyncProducer producer = (AsyncProducer) endpoint.createProducer();
        producer.start();
        Exchange ex = endpoint.createExchange(); // no key anywhere
        boolean[] callbackSync = new boolean[1];
        boolean sync = producer.process(ex, doneSync -> callbackSync[0] = doneSync);
        assertThat(sync).isTrue();
        assertThat(callbackSync[0]).isTrue();
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(S3LegacyConstants.KEY);
        assertThat(wm.getAllServeEvents()).isEmpty();
        producer.stop();
    }

    @Test
    void anOperationHeaderWithAnUnknownNameFailsNamingIt() {
        Exchange e = template.send(uri(SignatureVersion.V4, "operation=get"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.OPERATION, "frobnicate");
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k");
        });
        assertThat(e.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frobnicate");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /**
     * Defect 13: a null key (header or List body of deleteObjects) or a null metadata name or value was sent
     * as the string "null". It fails before anything is sent, naming the header and the position or name.
     */
    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void aNullKeyOrMetadataValueIsRejectedNotSentAsTheStringNull(SignatureVersion v) {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<DeleteResult/>")));

        Exchange inHeader = template.send(uri(v, "operation=deleteObjects"), x -> x.getMessage()
                .setHeader(S3LegacyConstants.KEYS_TO_DELETE, java.util.Arrays.asList("k1", null, "k3")));
        assertThat(inHeader.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(S3LegacyConstants.KEYS_TO_DELETE).hasMessageContaining("position 1");

        Exchange inBody = template.send(uri(v, "operation=deleteObjects"),
                x -> x.getMessage().setBody(java.util.Arrays.asList(null, "k2")));
        assertThat(inBody.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body").hasMessageContaining(S3LegacyConstants.KEYS_TO_DELETE)
                .hasMessageContaining("position 0");

        java.util.Map<String, Object> nullValue = new java.util.LinkedHashMap<>();
        nullValue.put("team", "blue");
        nullValue.put("owner", null);
        Exchange put = template.send(uri(v, "operation=put&keyName=k.txt"), x -> {
            x.getMessage().setBody("data");
            x.getMessage().setHeader(S3LegacyConstants.METADATA, nullValue);
        });
        assertThat(put.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(S3LegacyConstants.METADATA).hasMessageContaining("'owner'");

        Exchange nullInValues = template.send(uri(v, "operation=copy&keyName=k.txt"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.DESTINATION_KEY, "copy.txt");
            x.getMessage().setHeader(S3LegacyConstants.METADATA, java.util.Map.of("tags", java.util.Arrays.asList("a", null)));
        });
        assertThat(nullInValues.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(S3LegacyConstants.METADATA).hasMessageContaining("'tags'").hasMessageContaining("position 1");

        java.util.Map<String, Object> nullName = new java.util.HashMap<>();
        nullName.put(null, "x");
        Exchange unnamed = template.send(uri(v, "operation=put&keyName=k.txt"), x -> {
            x.getMessage().setBody("data");
            x.getMessage().setHeader(S3LegacyConstants.METADATA, nullName);
        });
        assertThat(unnamed.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(S3LegacyConstants.METADATA).hasMessageContaining("null name");

        assertThat(wm.getAllServeEvents()).as("nothing was sent").isEmpty();
    }

}
