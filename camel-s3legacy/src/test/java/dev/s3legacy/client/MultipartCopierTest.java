package dev.s3legacy.client;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.test.GeneratedStream;
import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Multipart copies (UploadPartCopy by ranges) against s3proxy: byte-exact, conditional on the ETag, aborted on failure. */
class MultipartCopierTest {

    private static final long MIB = 1024 * 1024;
    private static final long PART = 5 * MIB;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;
    private static S3Connection s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).build());
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static String newBucket() {
        String bucket = "mpcopy-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        return bucket;
    }

    private static String putGenerated(String bucket, String key, long size, long seed) throws Exception {
        try (InputStream data = new GeneratedStream(size, seed);
             S3Response r = s3.put(bucket, key, RequestBody.ofStream(data, size), "application/x-test", Map.of("origin", "seed-" + seed))) {
            return r.eTag();
        }
    }

    private static String sha256Of(String bucket, String key) throws Exception {
        try (S3Response get = s3.get(bucket, key)) {
            return GeneratedStream.sha256(get.body().openStream());
        }
    }

    private static boolean exists(String bucket, String key) {
        try (S3Response r = s3.head(bucket, key)) {
            return true;
        } catch (S3LegacyException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Records every request sent; runs {@code beforePart} before each part copy is sent. */
    private static class Recorder implements MultipartUploader.Sender {
        final List<S3Request<?>> sent = new CopyOnWriteArrayList<>();
        Consumer<Integer> beforePart = n -> { };

        @Override
        public <T> CompletableFuture<T> send(S3Request<T> request) {
            sent.add(request);
            if (request.operation() == S3Operation.UPLOAD_PART_COPY) {
                beforePart.accept(Integer.parseInt(request.query().get("partNumber")));
            }
            return s3.executeAsync(request);
        }

        List<S3Request<?>> of(S3Operation<?> operation) {
            return sent.stream().filter(r -> r.operation() == operation).toList();
        }
    }

    @Test
    void copiesByteExactInRangedPartsWithTheSourcesHeadersAndMetadata() throws Exception {
        String source = newBucket();
        String target = newBucket();
        long size = 12 * MIB + 4321;
        String eTag = putGenerated(source, "big/object.bin", size, 7);
        Recorder recorder = new Recorder();

        CompleteMultipartUploadResult result = new MultipartCopier(s3, PART, 2, recorder)
                .copy(source, "big/object.bin", eTag, target, "copies/object.bin", Map.of("added", "yes"));

        assertThat(sha256Of(target, "copies/object.bin")).isEqualTo(GeneratedStream.sha256(new GeneratedStream(size, 7)));
        assertThat(result.getETag()).endsWith("-3");
        // three ranges covering the object exactly, each conditional on the delivered ETag
        List<S3Request<?>> parts = recorder.of(S3Operation.UPLOAD_PART_COPY);
        assertThat(parts).extracting(r -> r.headers().first("x-amz-copy-source-range")).containsExactlyInAnyOrder(
                "bytes=0-" + (PART - 1), "bytes=" + PART + "-" + (2 * PART - 1), "bytes=" + 2 * PART + "-" + (size - 1));
        assertThat(parts).extracting(r -> r.headers().first("x-amz-copy-source-if-match")).containsOnly("\"" + eTag + "\"");
        assertThat(parts).extracting(r -> r.headers().first("x-amz-copy-source")).containsOnly("/" + source + "/big/object.bin");
        try (S3Response head = s3.head(target, "copies/object.bin")) {
            assertThat(head.contentType()).isEqualTo("application/x-test");
            assertThat(head.metadata()).containsEntry("origin", List.of("seed-7")).containsEntry("added", List.of("yes"));
            assertThat(head.contentLength()).isEqualTo(size);
        }
        assertThat(exists(source, "big/object.bin")).as("a copy leaves the source").isTrue();
    }

    @Test
    void aSourceThatIsNotTheExpectedVersionIsNotCopiedAndNoUploadIsOpened() throws Exception {
        String source = newBucket();
        String target = newBucket();
        putGenerated(source, "k", 6 * MIB, 1);
        Recorder recorder = new Recorder();

        assertThatThrownBy(() -> new MultipartCopier(s3, PART, 2, recorder).copy(source, "k", "0123456789abcdef0123456789abcdef",
                target, "k", null))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));
        assertThat(recorder.of(S3Operation.INITIATE_MULTIPART_UPLOAD)).isEmpty();
        assertThat(exists(target, "k")).isFalse();
    }

    @Test
    void aPartFailingBecauseTheSourceWasRewrittenAbortsTheUploadAndLeavesTheSource() throws Exception {
        String source = newBucket();
        String target = newBucket();
        long size = 11 * MIB;
        String eTag = putGenerated(source, "k", size, 2);
        Recorder recorder = new Recorder();
        AtomicInteger rewrites = new AtomicInteger();
        recorder.beforePart = n -> {
            if (n == 2 && rewrites.getAndIncrement() == 0) {
                try {
                    putGenerated(source, "k", size, 3); // a writer replaces the object between part 1 and part 2
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        // concurrency 1: part 2 is sent after part 1 succeeded, and fails on its if-match
        assertThatThrownBy(() -> new MultipartCopier(s3, PART, 1, recorder).copy(source, "k", eTag, target, "k", null))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));

        assertThat(recorder.of(S3Operation.ABORT_MULTIPART_UPLOAD)).hasSize(1);
        assertThat(recorder.of(S3Operation.COMPLETE_MULTIPART_UPLOAD)).isEmpty();
        assertThat(s3.execute(S3Requests.listMultipartUploads(target))).doesNotContain("<UploadId>");
        assertThat(exists(target, "k")).isFalse();
        assertThat(sha256Of(source, "k")).as("the newer version stays in place")
                .isEqualTo(GeneratedStream.sha256(new GeneratedStream(size, 3)));
    }

    @Test
    void aPartRefusedAbortsTheUpload() throws Exception {
        String source = newBucket();
        String target = newBucket();
        String eTag = putGenerated(source, "k", 11 * MIB, 4);
        Recorder recorder = new Recorder() {
            @Override
            public <T> CompletableFuture<T> send(S3Request<T> request) {
                if (request.operation() == S3Operation.UPLOAD_PART_COPY && "3".equals(request.query().get("partNumber"))) {
                    sent.add(request);
                    return CompletableFuture.failedFuture(new S3LegacyException("PUT", 403, "AccessDenied", "no", null,
                            request.resource(), null, null));
                }
                return super.send(request);
            }
        };

        assertThatThrownBy(() -> new MultipartCopier(s3, PART, 2, recorder).copy(source, "k", eTag, target, "k", null))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getErrorCode()).isEqualTo("AccessDenied"));
        assertThat(recorder.of(S3Operation.ABORT_MULTIPART_UPLOAD)).hasSize(1);
        assertThat(s3.execute(S3Requests.listMultipartUploads(target))).doesNotContain("<UploadId>");
        assertThat(exists(target, "k")).isFalse();
        assertThat(exists(source, "k")).isTrue();
    }

    @Test
    void readsAPartCopysAnswerAsAwsAndS3ProxyWriteIt() throws Exception {
        String aws = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CopyPartResult><LastModified>2024-05-01T12:00:00.000Z"
                + "</LastModified><ETag>\"b54357faf0632cce46e942fa68356b38\"</ETag></CopyPartResult>";
        String s3proxy = aws.replace("CopyPartResult", "CopyObjectResult");
        for (String answer : List.of(aws, s3proxy)) {
            assertThat(dev.s3legacy.client.xml.S3Xml.parseCopyPartResult(new java.io.ByteArrayInputStream(
                    answer.getBytes(java.nio.charset.StandardCharsets.UTF_8))).getETag()).isEqualTo("b54357faf0632cce46e942fa68356b38");
        }
        assertThatThrownBy(() -> dev.s3legacy.client.xml.S3Xml.parseCopyPartResult(new java.io.ByteArrayInputStream(
                "<Other/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).hasMessageContaining("CopyPartResult");
    }

    @Test
    void partSizesGrowSoThatTenThousandPartsHoldTheObject() {
        MultipartCopier copier = new MultipartCopier(s3, PART, 4);
        assertThat(copier.partSizeFor(6L * 1024 * MIB)).isEqualTo(PART);
        // 100 GiB in 5 MiB parts would be 20,480 parts: raised to whole MiB
        assertThat(copier.partSizeFor(100L * 1024 * MIB)).isEqualTo(11 * MIB);
        assertThatThrownBy(() -> new MultipartCopier(s3, MIB, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partSize");
    }
}
