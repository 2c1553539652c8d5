package dev.s3legacy.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP client runs its own stages inline on its selector thread; nothing else may: the caller's
 * continuation and the reads of an upload stream run on workers (spool writes: {@link OffloadingSubscriberTest}).
 */
class SelectorThreadTest {

    private static S3ProxyServer server;

    @TempDir
    Path spool;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static boolean isSelector(String thread) {
        return thread.contains("SelectorManager");
    }

    @Test
    void callersUploadReadsAndSpoolWritesNeverRunOnTheSelectorThread() throws Exception {
        Set<String> readers = ConcurrentHashMap.newKeySet();
        byte[] data = new byte[3 * (int) S3Limits.MIN_DOWNLOAD_PART_SIZE + 5];
        new Random(1).nextBytes(data);
        InputStream upload = new java.io.ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                readers.add(Thread.currentThread().getName());
                return super.read(b, off, len);
            }
        };
        try (S3Connection s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).spoolDirectory(spool).spoolThreshold(1024)
                .downloadPartSize(S3Limits.MIN_DOWNLOAD_PART_SIZE).build())) {
            s3.createBucket("threads");
            String putThread = s3.executeAsync(S3Requests.put("threads", "k", RequestBody.ofStream(upload, data.length), null, null))
                    .thenApply(r -> Thread.currentThread().getName()).get();
            String getThread = s3.executeAsync(S3Requests.get("threads", "k")).thenApply(r -> {
                try (r) {
                    assertThat(r.body().bytes()).isEqualTo(data);
                }
                return Thread.currentThread().getName();
            }).get();
            assertThat(getThread).matches(t -> !isSelector(t), "not the selector thread");
            assertThat(putThread).matches(t -> !isSelector(t), "not the selector thread");
            assertThat(readers).isNotEmpty().noneMatch(SelectorThreadTest::isSelector);
        }
    }
}
