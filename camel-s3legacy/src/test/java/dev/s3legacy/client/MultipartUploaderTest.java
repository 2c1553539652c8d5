package dev.s3legacy.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.test.GeneratedStream;
import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Multipart uploads against a real, signature-checking S3 (s3proxy), under V2 and V4. */
class MultipartUploaderTest {

    private static final long MIB = 1024 * 1024;
    private static final long PART = 5 * MIB;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;

    @TempDir
    Path tmp;
    /** The connection's spool directory, where parts of a stream are spooled: empty after every upload. */
    Path spool;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createSpoolDirectory() throws IOException {
        spool = Files.createDirectory(tmp.resolve("spool"));
    }

    private S3Connection connection(SignatureVersion version) {
        return new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).signatureVersion(version).spoolDirectory(spool)
                .retryBaseDelay(Duration.ofMillis(5)).build());
    }

    private static String newBucket(S3Connection s3) {
        String bucket = "multipart-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        return bucket;
    }

    private static String sha256Of(S3Connection s3, String bucket, String key) throws IOException {
        try (S3Response get = s3.get(bucket, key)) {
            return GeneratedStream.sha256(get.body().openStream());
        }
    }

    private void assertSpoolIsEmpty() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void uploadsAFileInPartsReadStraightFromIt(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        long size = 17 * MIB + 123;
        Path file = tmp.resolve("source.bin");
        try (InputStream in = new GeneratedStream(size, 1); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        PartCounter counter = new PartCounter(s3);

        CompleteMultipartUploadResult result = new MultipartUploader(s3, PART, 3, counter)
                .uploadAsync(bucket, "big/file.bin", RequestBody.ofFile(file), "application/octet-stream",
                        Map.of("origin", "file"), null)
                .get();

        assertThat(result.getETag()).endsWith("-4").doesNotContain("\"");
        assertThat(counter.parts).hasValue(4);
        assertThat(counter.maxInFlight.get()).isBetween(1, 3);
        assertSpoolIsEmpty(); // slices of a file are never spooled
        assertThat(sha256Of(s3, bucket, "big/file.bin")).isEqualTo(GeneratedStream.sha256(size, 1));
        S3Response head = s3.head(bucket, "big/file.bin");
        assertThat(head.contentLength()).isEqualTo(size);
        assertThat(head.contentType()).isEqualTo("application/octet-stream");
        assertThat(head.metadata()).containsEntry("origin", List.of("file"));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void uploadsAOneShotStreamOfUnknownLengthSpoolingEachPartBriefly(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        long size = 17 * MIB + 5;
        PartCounter counter = new PartCounter(s3).watching(spool);

        CompleteMultipartUploadResult result = new MultipartUploader(s3, PART, 2, counter)
                .upload(bucket, "big/stream.bin", RequestBody.ofStream(new GeneratedStream(size, 2), -1), null, null, null);

        assertThat(result.getETag()).endsWith("-4");
        assertThat(counter.parts).hasValue(4);
        assertThat(counter.maxInFlight.get()).isBetween(1, 2);
        assertThat(counter.maxSpooled.get()).isBetween(1, 2); // at most `concurrency` parts on disk at once
        assertSpoolIsEmpty();
        assertThat(sha256Of(s3, bucket, "big/stream.bin")).isEqualTo(GeneratedStream.sha256(size, 2));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void anOpenUploadIsListedUntilAborted(SignatureVersion version) {
        // proves that the "no upload left" checks below can fail
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        String uploadId = s3.execute(S3Requests.initiateMultipartUpload(bucket, "open.bin", null, null)).getUploadId();

        assertThat(s3.execute(S3Requests.listMultipartUploads(bucket))).contains("<Upload>", "<Key>open.bin</Key>", uploadId);

        s3.execute(S3Requests.abortMultipartUpload(bucket, "open.bin", uploadId)).close();
        assertThat(s3.execute(S3Requests.listMultipartUploads(bucket))).doesNotContain("<Upload>");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void aFailingStreamAbortsTheUpload(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        IOException broken = new IOException("source broke");
        InputStream failing = new FilterInputStream(new GeneratedStream(20 * MIB, 3)) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 7 * MIB) {
                    throw broken;
                }
                int n = super.read(b, off, (int) Math.min(len, 7 * MIB - read));
                read += Math.max(n, 0);
                return n;
            }
        };
        PartCounter counter = new PartCounter(s3);

        CompletableFuture<CompleteMultipartUploadResult> upload = new MultipartUploader(s3, PART, 2, counter)
                .uploadAsync(bucket, "broken.bin", RequestBody.ofStream(failing, -1), null, null, null);

        assertThatThrownBy(upload::join).cause().isSameAs(broken);
        assertThat(counter.parts).hasValue(1); // part 1 went up before the stream broke
        assertThat(counter.aborts).hasValue(1);
        assertThat(s3.execute(S3Requests.listMultipartUploads(bucket))).doesNotContain("<Upload>", "broken.bin");
        assertSpoolIsEmpty();
        assertThatThrownBy(() -> s3.head(bucket, "broken.bin")).isInstanceOfSatisfying(S3LegacyException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void aFailingPartAbortsTheUploadWithTheOriginalError(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        S3LegacyException partFailure = new S3LegacyException("PUT", 500, "InternalError", "part 3 failed for good",
                null, "/" + bucket + "/part.bin", null, null);
        PartCounter counter = new PartCounter(s3).failingPart(3, partFailure);

        assertThatThrownBy(() -> new MultipartUploader(s3, PART, 2, counter)
                .upload(bucket, "part.bin", RequestBody.ofStream(new GeneratedStream(12 * MIB, 4), -1), null, null, null))
                .isSameAs(partFailure);
        assertThat(counter.aborts).hasValue(1);
        assertThat(s3.execute(S3Requests.listMultipartUploads(bucket))).doesNotContain("<Upload>", "part.bin");
        assertSpoolIsEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void emptyAndTinyBodiesAreOnePart(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        MultipartUploader uploader = new MultipartUploader(s3, PART, 4);

        assertThat(uploader.upload(bucket, "empty-stream", RequestBody.ofStream(InputStream.nullInputStream(), -1),
                null, null, null).getETag()).endsWith("-1");
        assertThat(uploader.upload(bucket, "empty-bytes", RequestBody.empty(), null, null, null).getETag()).endsWith("-1");
        assertThat(uploader.upload(bucket, "tiny", RequestBody.ofString("tiny"), "text/plain", null,
                new Headers().add("x-amz-acl", "public-read")).getETag()).endsWith("-1");

        assertThat(s3.head(bucket, "empty-stream").contentLength()).isZero();
        assertThat(s3.head(bucket, "empty-bytes").contentLength()).isZero();
        // the extra header went with the initiating request: anyone may read the object
        S3Connection anonymous = new S3Connection(S3ClientConfig.builder().endpoint(server.endpoint())
                .signatureVersion(version).spoolDirectory(spool).build());
        try (S3Response tiny = anonymous.get(bucket, "tiny")) {
            assertThat(tiny.body().asString()).isEqualTo("tiny");
            assertThat(tiny.contentType()).isEqualTo("text/plain");
        }
        assertSpoolIsEmpty();
    }

    @Test
    void aStreamShorterThanDeclaredFailsAndAborts() throws Exception {
        S3Connection s3 = connection(SignatureVersion.V4);
        String bucket = newBucket(s3);
        PartCounter counter = new PartCounter(s3);

        assertThatThrownBy(() -> new MultipartUploader(s3, PART, 2, counter)
                .upload(bucket, "short.bin", RequestBody.ofStream(new GeneratedStream(100, 5), 200), null, null, null))
                .hasRootCauseMessage("The stream ended after 100 of the 200 bytes declared");
        assertThat(counter.aborts).hasValue(1);
        assertSpoolIsEmpty();
    }

    @Test
    void rejectsPartsSmallerThanS3AllowsAndNoConcurrency() {
        S3Connection s3 = connection(SignatureVersion.V4);
        assertThatThrownBy(() -> new MultipartUploader(s3, 1_000_000, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000000");
        assertThatThrownBy(() -> new MultipartUploader(s3, PART, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency").hasMessageContaining("0");
        assertThat(new MultipartUploader(s3).partSize()).isEqualTo(16 * MIB);
        assertThat(new MultipartUploader(s3).concurrency()).isEqualTo(4);
    }

    @Test
    void slicesOfEveryRepeatableBodyReadOnlyTheirRegion() throws Exception {
        byte[] data = new GeneratedStream(10_000, 6).readAllBytes();
        Path file = Files.write(tmp.resolve("slice.bin"), data);
        SpooledBody spooled = Spooler.spool(new java.io.ByteArrayInputStream(data), 0, spool);
        try {
            for (RequestBody body : List.of(RequestBody.ofBytes(data), RequestBody.ofFile(file), spooled.asRequestBody())) {
                RequestBody slice = body.slice(4_000, 3_000);
                assertThat(slice.isRepeatable()).isTrue();
                assertThat(slice.contentLength()).isEqualTo(3_000);
                for (int i = 0; i < 2; i++) {
                    try (InputStream in = slice.openStream()) {
                        assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 4_000, 7_000));
                    }
                }
                assertThat(body.slice(10_000, 0).contentLength()).isZero();
                assertThatThrownBy(() -> body.slice(9_000, 1_001)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("10000 bytes");
            }
        } finally {
            spooled.close();
        }
        assertThatThrownBy(() -> RequestBody.ofStream(InputStream.nullInputStream(), 0).slice(0, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Sends through the connection, counting parts in flight (and files spooled); can fail one part. */
    static final class PartCounter implements MultipartUploader.Sender {
        final S3Connection s3;
        final AtomicInteger parts = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger maxSpooled = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
        private Path spool;
        private int failingPart;
        private RuntimeException failure;

        PartCounter(S3Connection s3) {
            this.s3 = s3;
        }

        PartCounter watching(Path spool) {
            this.spool = spool;
            return this;
        }

        PartCounter failingPart(int partNumber, RuntimeException failure) {
            this.failingPart = partNumber;
            this.failure = failure;
            return this;
        }

        @Override
        public <T> CompletableFuture<T> send(S3Request<T> request) {
            if (request.operation() == S3Operation.ABORT_MULTIPART_UPLOAD) {
                aborts.incrementAndGet();
            }
            if (request.operation() != S3Operation.UPLOAD_PART) {
                return s3.executeAsync(request);
            }
            if (Integer.parseInt(request.query().get("partNumber")) == failingPart) {
                return CompletableFuture.failedFuture(failure);
            }
            parts.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            if (spool != null) {
                try (Stream<Path> files = Files.list(spool)) {
                    maxSpooled.accumulateAndGet((int) files.count(), Math::max);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return s3.executeAsync(request).whenComplete((r, e) -> inFlight.decrementAndGet());
        }
    }
}
