package dev.s3legacy.producer;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.converter.stream.InputStreamCache;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** put from every body type the contract names, and how the content type is chosen. */
class ProducerPutBodiesTest extends S3ProxyRouteTestSupport {

    @TempDir
    Path tmp;

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private byte[] getBytes(SignatureVersion v, String bucket, String key) {
        return template.requestBodyAndHeader(uri(v, bucket, "operation=get"), null, S3LegacyConstants.KEY, key, byte[].class);
    }

    private Exchange putBody(SignatureVersion v, String bucket, String options, String key, Object body, Map<String, Object> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(S3LegacyConstants.KEY, key);
        Exchange e = call(v, bucket, options, body, all);
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class)).isNotBlank();
        return e;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** Records, when the producer reads the end of the stream, which files the spool directory holds. */
    static final class Watched extends FilterInputStream {
        private final Path spoolDir;
        final List<Long> spoolFileSizesAtEnd = new ArrayList<>();
        long read;
        boolean sawEnd;

        Watched(byte[] data, Path spoolDir) {
            super(new ByteArrayInputStream(data));
            this.spoolDir = spoolDir;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0 && !sawEnd) {
                sawEnd = true;
                for (Path p : files(spoolDir)) {
                    spoolFileSizesAtEnd.add(Files.size(p));
                }
            } else if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void inputStreamWithContentLengthIsStreamedNotSpooled(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        byte[] bytes = data(200_000);
        Watched in = new Watched(bytes, spool);
        putBody(v, bucket, "spoolThreshold=1024&spoolDirectory=" + spool, "stream-known.bin", in,
                Map.of(S3LegacyConstants.CONTENT_LENGTH, (long) bytes.length));
        assertThat(in.sawEnd).isTrue();
        assertThat(in.spoolFileSizesAtEnd).as("nothing spooled while the stream was sent").isEmpty();
        assertThat(getBytes(v, bucket, "stream-known.bin")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void inputStreamWithoutLengthGoesUpAsMultipartThroughATemporaryFile(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        byte[] bytes = data(900_000);
        Watched in = new Watched(bytes, spool);
        Exchange put = putBody(v, bucket, "spoolThreshold=1024&spoolDirectory=" + spool, "stream-unknown.bin", in, Map.of());
        // While reading the stream's end, the part read so far was in one temporary file of the spool directory
        // (all but the last, at most 256 KiB, still in the spooler's fixed write buffer), not in the heap.
        assertThat(in.spoolFileSizesAtEnd).hasSize(1);
        assertThat(in.spoolFileSizesAtEnd.get(0)).isGreaterThanOrEqualTo(bytes.length - 256L * 1024);
        assertThat(files(spool)).as("temporary file deleted once sent").isEmpty();
        assertThat(put.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class)).as("multipart ETag").endsWith("-1");
        assertThat(getBytes(v, bucket, "stream-unknown.bin")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void fileAndPathBodies(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        byte[] bytes = data(300_000);
        Path source = Files.write(tmp.resolve("source.bin"), bytes);
        Exchange asFile = putBody(v, bucket, null, "file.bin", source.toFile(), Map.of());
        assertThat(asFile.getMessage().getBody()).isInstanceOf(File.class);
        putBody(v, bucket, null, "path.bin", source, Map.of());
        assertThat(getBytes(v, bucket, "file.bin")).isEqualTo(bytes);
        assertThat(getBytes(v, bucket, "path.bin")).isEqualTo(bytes);
        assertThat(source).hasBinaryContent(bytes); // read, not moved or consumed
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void byteArrayAndStringBodies(SignatureVersion v) {
        String bucket = newBucket(v);
        byte[] bytes = data(5_000);
        putBody(v, bucket, null, "bytes.bin", bytes, Map.of());
        putBody(v, bucket, null, "text.txt", "grüße, ünïcödé", Map.of());
        assertThat(getBytes(v, bucket, "bytes.bin")).isEqualTo(bytes);
        assertThat(getBytes(v, bucket, "text.txt")).isEqualTo("grüße, ünïcödé".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void camelStreamCacheBodyIsSentWhole_andStaysReadable(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        byte[] bytes = data(100_000);
        InputStreamCache cache = new InputStreamCache(bytes);
        cache.read(new byte[10]); // a cache someone already read from: the whole of it is still sent
        Exchange e = putBody(v, bucket, null, "cache.bin", cache, Map.of());
        assertThat(e.getMessage().getBody()).isSameAs(cache);
        assertThat(getBytes(v, bucket, "cache.bin")).isEqualTo(bytes);
        cache.reset();
        assertThat(cache.readAllBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void aRouteWithStreamCachingPutsAPlainStream(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:put").streamCache("true").process(x -> assertThat(x.getMessage().getBody()).isInstanceOf(StreamCache.class))
                        .to(uri(v, bucket, null));
            }
        });
        byte[] bytes = data(50_000);
        template.sendBodyAndHeader("direct:put", new ByteArrayInputStream(bytes), S3LegacyConstants.KEY, "cached.bin");
        assertThat(getBytes(v, bucket, "cached.bin")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void fileComponentRoundTrip(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        Path in = Files.createDirectories(tmp.resolve("in/sub"));
        Path out = tmp.resolve("out");
        byte[] bytes = data(2_500_000); // above the spool threshold: the get spools to a file on the way back
        Files.write(in.resolve("data.bin"), bytes);
        MockEndpoint done = getMockEndpoint("mock:done");
        done.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + tmp.resolve("in") + "?recursive=true&noop=true&initialDelay=0&delay=50")
                        .to(uri(v, bucket, "operation=put"))
                        .setHeader(S3LegacyConstants.OPERATION, constant("get"))
                        .to(uri(v, bucket, null))
                        .to("file:" + out)
                        .to("mock:done");
            }
        });
        done.assertIsSatisfied();
        List<?> listed = template.requestBody(uri(v, bucket, "operation=listBucket"), null, List.class);
        assertThat(listed).map(o -> ((ListEntry) o).getKey()).containsExactly("sub/data.bin");
        assertThat(out.resolve("sub/data.bin")).hasBinaryContent(bytes);
    }

    // ------------------------------------------------------------------ content type

    private String storedType(SignatureVersion v, String bucket, String key) {
        Exchange e = call(v, bucket, "operation=head", null, Map.of(S3LegacyConstants.KEY, key));
        return e.getMessage().getHeader(S3LegacyConstants.CONTENT_TYPE, String.class);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void contentTypeFromOurHeaderThenCamelsThenTheKey(SignatureVersion v) {
        String bucket = newBucket(v);
        putBody(v, bucket, null, "ours.txt", "x", Map.of(S3LegacyConstants.CONTENT_TYPE, "application/x-ours",
                Exchange.CONTENT_TYPE, "application/x-camel"));
        putBody(v, bucket, null, "camels.txt", "x", Map.of(Exchange.CONTENT_TYPE, "application/x-camel"));
        putBody(v, bucket, null, "guessed.txt", "x", Map.of());
        putBody(v, bucket, null, "guessed.html", "x", Map.of());

        assertThat(storedType(v, bucket, "ours.txt")).isEqualTo("application/x-ours");
        assertThat(storedType(v, bucket, "camels.txt")).isEqualTo("application/x-camel");
        assertThat(storedType(v, bucket, "guessed.txt")).isEqualTo("text/plain");
        assertThat(storedType(v, bucket, "guessed.html")).isEqualTo("text/html");
    }
}
