package dev.s3legacy.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.s3legacy.client.S3Limits.MAX_PARTS;
import static dev.s3legacy.client.S3Limits.MAX_PART_SIZE;
import static dev.s3legacy.client.S3Limits.MIN_PART_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 10,000-part limit: part sizes chosen (declared length) or grown (unknown length) so it is never hit. */
class MultipartPartSizeTest {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    private static final long TIB = 1024 * GIB;
    /** S3's largest object. */
    private static final long MAX_OBJECT = 5 * TIB;

    @TempDir
    Path tmp;
    private Path spool;
    private S3Connection connection;

    @BeforeEach
    void connection() throws IOException {
        spool = Files.createDirectory(tmp.resolve("spool"));
        // never contacted: the fake store below answers every request
        connection = new S3Connection(S3ClientConfig.builder().credentials("AKIDEXAMPLE", "secret")
                .endpoint("http://127.0.0.1:9").spoolDirectory(spool).build());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    /** Answers like S3 without reading any part body; records each part's number and length. */
    private static final class FakeStore implements MultipartUploader.Sender {
        final Map<Integer, Long> partLengths = Collections.synchronizedMap(new TreeMap<>());
        final List<String> operations = Collections.synchronizedList(new ArrayList<>());

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<T> send(S3Request<T> request) {
            operations.add(request.operation().name());
            Object answer = switch (request.operation().name()) {
                case "initiateMultipartUpload" -> new InitiateMultipartUploadResult(request.bucket(), request.key(), "up-1");
                case "uploadPart" -> {
                    partLengths.put(Integer.valueOf(request.query().get("partNumber")), request.body().contentLength());
                    yield new S3Response(200, new Headers().set("ETag", "\"0123456789abcdef0123456789abcdef\""), SpooledBody.empty());
                }
                case "completeMultipartUpload" -> new CompleteMultipartUploadResult(null, request.bucket(), request.key(),
                        "etag-" + partLengths.size());
                default -> throw new AssertionError("unexpected " + request);
            };
            return CompletableFuture.completedFuture((T) answer);
        }
    }

    @Test
    void aDeclaredLengthGetsAPartSizeThatFitsInTenThousandParts() {
        assertThat(MultipartUploader.partSizeFor(100 * MIB, 16 * MIB)).isEqualTo(16 * MIB); // fits: unchanged
        assertThat(MultipartUploader.partSizeFor(10_000 * 16 * MIB, 16 * MIB)).isEqualTo(16 * MIB); // exactly 10,000
        assertThat(MultipartUploader.partSizeFor(10_000 * 16 * MIB + 1, 16 * MIB)).isEqualTo(17 * MIB); // whole MiB up
        assertThat(MultipartUploader.partSizeFor(200 * GIB, 16 * MIB)).isEqualTo(21 * MIB); // 20.48 MiB needed
        assertThat(MultipartUploader.partSizeFor(MAX_OBJECT, 16 * MIB)).isEqualTo(525 * MIB);
        assertThat(MultipartUploader.partSizeFor(MAX_OBJECT, GIB)).isEqualTo(GIB); // larger than needed: kept
        for (long length : new long[] {1, 5 * MIB, 156 * GIB + 1, 1 * TIB, MAX_OBJECT}) {
            long size = MultipartUploader.partSizeFor(length, MIN_PART_SIZE);
            assertThat((length + size - 1) / size).as("parts for %d bytes", length).isLessThanOrEqualTo(MAX_PARTS);
            assertThat(size % MIB).isZero();
        }
        assertThatThrownBy(() -> MultipartUploader.partSizeFor(MAX_PARTS * MAX_PART_SIZE + 1, 16 * MIB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000");
    }

    @ParameterizedTest
    @ValueSource(longs = {5 * 1024 * 1024, 8 * 1024 * 1024, 16 * 1024 * 1024, 100 * 1024 * 1024, 5L * 1024 * 1024 * 1024})
    void anUnknownLengthGrowsItsPartsSoTenThousandCoverFiveTebibytes(long configured) {
        assertThat(MultipartUploader.partSizeOf(1, configured)).isEqualTo(configured);
        long sum = 0;
        long previous = 0;
        for (int n = 1; n <= MAX_PARTS; n++) {
            long size = MultipartUploader.partSizeOf(n, configured);
            assertThat(size).as("part %d", n).isBetween(previous, MAX_PART_SIZE);
            previous = size;
            sum += size;
        }
        assertThat(sum).isGreaterThanOrEqualTo(MAX_OBJECT);
    }

    @Test
    void anUploadLargerThanTenThousandConfiguredPartsUsesLargerParts() {
        long length = 100 * GIB; // 20,480 parts of 5 MiB: would fail after 10,000 parts
        RequestBody body = RequestBody.ofRepeatableStream(() -> {
            throw new IOException("the fake store reads no part");
        }, length);
        FakeStore store = new FakeStore();

        CompleteMultipartUploadResult result = new MultipartUploader(connection, 5 * MIB, 4, store)
                .upload("bucket", "huge.bin", body, null, null, null);

        long part = 11 * MIB; // 100 GiB / 10,000 = 10.24 MiB, up to a whole MiB
        long count = (length + part - 1) / part;
        assertThat(count).isLessThanOrEqualTo(MAX_PARTS);
        assertThat(result.getETag()).isEqualTo("etag-" + count);
        assertThat(store.partLengths).hasSize((int) count);
        assertThat(Collections.max(store.partLengths.keySet())).isEqualTo((int) count);
        assertThat(store.partLengths.get(1)).isEqualTo(part);
        assertThat(store.partLengths.get((int) count - 1)).isEqualTo(part);
        assertThat(store.partLengths.get((int) count)).isEqualTo(length - (count - 1) * part);
        assertThat(store.operations).doesNotContain("abortMultipartUpload");
    }

    @Test
    void aStreamOfUnknownLengthGrowsItsPartsAsItGoes() throws IOException {
        // 1-byte parts through the test seam: the schedule doubles them after 900 parts
        byte[] data = new byte[900 + 5 * 2];
        FakeStore store = new FakeStore();

        new MultipartUploader(connection, 1, 4, store)
                .upload("bucket", "stream.bin", RequestBody.ofStream(new ByteArrayInputStream(data), -1), null, null, null);

        assertThat(store.partLengths).hasSize(905);
        assertThat(store.partLengths.get(1)).isEqualTo(1);
        assertThat(store.partLengths.get(900)).isEqualTo(1);
        assertThat(store.partLengths.get(901)).isEqualTo(2);
        assertThat(store.partLengths.get(905)).isEqualTo(2);
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }
}
