package dev.s3legacy.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.test.GeneratedStream;
import dev.s3legacy.test.S3ProxyProcess;
import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream of a few hundred MiB and unknown length goes up with default settings in a JVM whose heap is
 * smaller than the object, so it cannot have been held in memory. Off by default; run it in a forked
 * small-heap JVM: {@code mvn test -Dtest=MultipartLargeStreamTest -Ds3legacy.largeTests=true -DargLine=-Xmx64m}
 * ({@code -Ds3legacy.largeTests.mib=N} sets the size, default 300). The server runs in its own JVM.
 */
@EnabledIfSystemProperty(named = "s3legacy.largeTests", matches = "true")
class MultipartLargeStreamTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path tmp;
    private static S3ProxyProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyProcess.start(Files.createDirectory(tmp.resolve("server")), "512m");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void uploadsAStreamLargerThanTheHeap(SignatureVersion version) throws Exception {
        long size = Long.getLong("s3legacy.largeTests.mib", 300) * MIB + 11;
        assertThat(Runtime.getRuntime().maxMemory()).as("heap (run with -Xmx64m)").isLessThan(size);
        Path spool = Files.createDirectory(tmp.resolve("spool-" + version));
        S3Connection s3 = new S3Connection(S3ClientConfig.builder()
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).endpoint(server.endpoint())
                .signatureVersion(version).spoolDirectory(spool).build());
        String bucket = "large-" + version.name().toLowerCase();
        s3.createBucket(bucket);
        MultipartUploaderTest.PartCounter counter = new MultipartUploaderTest.PartCounter(s3).watching(spool);
        MultipartUploader uploader = new MultipartUploader(s3, S3Limits.DEFAULT_PART_SIZE,
                S3Limits.DEFAULT_MULTIPART_CONCURRENCY, counter);

        CompleteMultipartUploadResult result = uploader.upload(bucket, "large.bin",
                RequestBody.ofStream(new GeneratedStream(size, 42), -1), null, null, null);

        long parts = (size + S3Limits.DEFAULT_PART_SIZE - 1) / S3Limits.DEFAULT_PART_SIZE;
        assertThat(result.getETag()).endsWith("-" + parts);
        assertThat(counter.maxInFlight.get()).isLessThanOrEqualTo(S3Limits.DEFAULT_MULTIPART_CONCURRENCY);
        assertThat(counter.maxSpooled.get()).isLessThanOrEqualTo(S3Limits.DEFAULT_MULTIPART_CONCURRENCY);
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
        assertThat(s3.head(bucket, "large.bin").contentLength()).isEqualTo(size);
        try (S3Response get = s3.get(bucket, "large.bin")) { // spooled to disk, read back as a stream
            assertThat(GeneratedStream.sha256(get.body().openStream())).isEqualTo(GeneratedStream.sha256(size, 42));
        }
    }
}
