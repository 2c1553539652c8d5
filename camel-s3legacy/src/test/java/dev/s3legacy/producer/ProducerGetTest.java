package dev.s3legacy.producer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.s3legacy.S3LegacyBody;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.SignatureVersion;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** get: the body as a re-readable stream cache, spooling and its clean-up, ranges and conditional gets. */
class ProducerGetTest extends S3ProxyRouteTestSupport {

    @TempDir
    Path spool;

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> s = Files.list(spool)) {
            return s.toList();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void bodyIsAStreamCacheThatMulticastDeliversWholeToEachBranch(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        String text = "line one\nline two\n".repeat(100);
        put(v, bucket, "twice.txt", text);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").to(uri(v, bucket, "operation=get"))
                        .multicast().to("mock:a", "mock:b").end()
                        .convertBodyTo(String.class).to("mock:after");
            }
        });
        MockEndpoint a = getMockEndpoint("mock:a");
        MockEndpoint b = getMockEndpoint("mock:b");
        MockEndpoint after = getMockEndpoint("mock:after");
        a.expectedBodiesReceived(text);
        b.expectedBodiesReceived(text);
        after.expectedBodiesReceived(text);

        Exchange e = template.send("direct:get", x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "twice.txt"));
        assertThat(e.getException()).isNull();
        MockEndpoint.assertIsSatisfied(a, b, after);
        assertThat(a.getReceivedExchanges().get(0).getMessage().getHeader(S3LegacyConstants.CONTENT_LENGTH))
                .isEqualTo((long) text.length());
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void bodyCanBeReadTwiceInOneProcessor(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        byte[] bytes = data(10_000);
        put(v, bucket, "k.bin", bytes);
        List<byte[]> reads = new ArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").to(uri(v, bucket, "operation=get")).process(x -> {
                    StreamCache body = x.getMessage().getBody(StreamCache.class);
                    reads.add(((java.io.InputStream) body).readAllBytes());
                    body.reset();
                    reads.add(((java.io.InputStream) body).readAllBytes());
                });
            }
        });
        template.sendBodyAndHeader("direct:get", null, S3LegacyConstants.KEY, "k.bin");
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0)).isEqualTo(bytes);
        assertThat(reads.get(1)).isEqualTo(bytes);
    }

    private void addSpoolingRoute(SignatureVersion v, String bucket, List<Object[]> seen, boolean fail) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:spool-" + fail)
                        .to(uri(v, bucket, "operation=get&spoolThreshold=100000&spoolDirectory=" + spool))
                        .process(x -> {
                            S3LegacyBody body = x.getMessage().getBody(S3LegacyBody.class);
                            Path file = body.getSpooledBody().file();
                            boolean allSameFile = true;
                            for (Path p : spoolFiles()) {
                                allSameFile &= file != null && Files.isSameFile(p, file);
                            }
                            seen.add(new Object[] { body.inMemory(), spoolFiles(), file, allSameFile });
                            if (fail) {
                                throw new IllegalStateException("route fails after get");
                            }
                        })
                        .convertBodyTo(byte[].class);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    @SuppressWarnings("unchecked")
    void largeBodySpoolsToTheSpoolDirectoryAndIsDeletedWhenTheExchangeCompletes(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        byte[] bytes = data(300_000);
        put(v, bucket, "big.bin", bytes);
        List<Object[]> seen = new ArrayList<>();
        addSpoolingRoute(v, bucket, seen, false);

        Exchange e = template.send("direct:spool-false", x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin"));
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getBody(byte[].class)).isEqualTo(bytes);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)[0]).as("in memory").isEqualTo(false);
        Path file = (Path) seen.get(0)[2];
        assertThat(file.getParent()).isEqualTo(spool);
        // the spool file, and the hard link to it offered to a file producer (FileHandOff): the same file
        assertThat((List<Path>) seen.get(0)[1]).contains(file);
        assertThat(seen.get(0)[3]).as("every name in the spool directory is that file").isEqualTo(true);
        assertThat(spoolFiles()).as("deleted when the exchange completed").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    @SuppressWarnings("unchecked")
    void spooledFileIsDeletedAlsoWhenTheRouteFails(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        put(v, bucket, "big.bin", data(300_000));
        List<Object[]> seen = new ArrayList<>();
        addSpoolingRoute(v, bucket, seen, true);

        Exchange e = template.send("direct:spool-true", x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin"));
        assertThat(e.getException()).isInstanceOf(IllegalStateException.class).hasMessage("route fails after get");
        assertThat((List<Object>) seen.get(0)[1]).contains(seen.get(0)[2]); // and its hand-off link (same file)
        assertThat(seen.get(0)[3]).isEqualTo(true);
        assertThat(spoolFiles()).as("deleted when the failed exchange completed").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void smallBodyStaysInMemory(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        put(v, bucket, "small.bin", data(1000));
        Exchange e = call(v, bucket, "operation=get&spoolThreshold=100000&spoolDirectory=" + spool, null,
                Map.of(S3LegacyConstants.KEY, "small.bin"));
        assertThat(e.getMessage().getBody(S3LegacyBody.class).inMemory()).isTrue();
        assertThat(spoolFiles()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void rangedGet(SignatureVersion v) {
        String bucket = newBucket(v);
        put(v, bucket, "r.txt", "0123456789");
        Exchange e = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "r.txt", S3LegacyConstants.RANGE, "bytes=0-3"));
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getBody(String.class)).isEqualTo("0123");
        assertThat(e.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(206);
        assertThat(e.getMessage().getHeader(S3LegacyConstants.CONTENT_LENGTH)).isEqualTo(4L);

        Exchange tail = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "r.txt", S3LegacyConstants.RANGE, "bytes=7-"));
        assertThat(tail.getMessage().getBody(String.class)).isEqualTo("789");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void conditionalGet(SignatureVersion v) {
        String bucket = newBucket(v);
        put(v, bucket, "c.txt", "conditional");
        Exchange first = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "c.txt"));
        String etag = first.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class);

        Exchange sameEtag = call(v, bucket, "operation=get", null,
                Map.of(S3LegacyConstants.KEY, "c.txt", S3LegacyConstants.IF_NONE_MATCH, "\"" + etag + "\""));
        assertThat(sameEtag.getException()).isNull();
        assertThat(sameEtag.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(304);
        assertThat(sameEtag.getMessage().getBody()).isNull();

        // the ETag header as the component gives it (without quotes) works as well
        Exchange unquoted = call(v, bucket, "operation=get", null,
                Map.of(S3LegacyConstants.KEY, "c.txt", S3LegacyConstants.IF_NONE_MATCH, etag));
        assertThat(unquoted.getException()).isNull();
        assertThat(unquoted.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(304);
        assertThat(unquoted.getMessage().getBody()).isNull();

        Exchange future = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "c.txt",
                S3LegacyConstants.IF_MODIFIED_SINCE, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertThat(future.getException()).isNull();
        assertThat(future.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(304);
        assertThat(future.getMessage().getBody()).isNull();

        Exchange past = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "c.txt",
                S3LegacyConstants.IF_MODIFIED_SINCE, Instant.now().minus(1, ChronoUnit.DAYS)));
        assertThat(past.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(200);
        assertThat(past.getMessage().getBody(String.class)).isEqualTo("conditional");

        Exchange otherEtag = call(v, bucket, "operation=get", null,
                Map.of(S3LegacyConstants.KEY, "c.txt", S3LegacyConstants.IF_NONE_MATCH, "\"0123456789abcdef0123456789abcdef\""));
        assertThat(otherEtag.getException()).isNull();
        assertThat(otherEtag.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(200);
        assertThat(otherEtag.getMessage().getBody(String.class)).isEqualTo("conditional");
    }
}
