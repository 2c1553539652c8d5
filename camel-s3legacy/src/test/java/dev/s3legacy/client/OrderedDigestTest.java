package dev.s3legacy.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The MD5 of a file whose ranges land in any order, from any thread, is the file's MD5; a stopped one never completes. */
class OrderedDigestTest {

    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Path file(byte[] data) throws Exception {
        return Files.write(dir.resolve("f.tmp"), data);
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void rangesLandingOutOfOrderFromSeveralThreadsGiveTheWholeFilesMd5() throws Exception {
        byte[] data = new byte[10 * 1000 + 7]; // 11 ranges of 1,000 bytes, the last of 7
        new Random(3).nextBytes(data);
        OrderedDigest digest = new OrderedDigest(file(data), data.length, 1000, pool);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(5));
        ExecutorService landers = Executors.newFixedThreadPool(4);
        try {
            for (int index : order) {
                landers.execute(() -> digest.landed(index));
            }
        } finally {
            landers.shutdown();
            assertThat(landers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(digest.result().get(10, TimeUnit.SECONDS)).isEqualTo(md5(data));
    }

    @Test
    void nothingIsDigestedPastARangeThatHasNotLandedAndAStoppedDigestNeverCompletes() throws Exception {
        byte[] data = new byte[3000];
        new Random(4).nextBytes(data);
        OrderedDigest digest = new OrderedDigest(file(data), data.length, 1000, pool);
        digest.landed(0);
        digest.landed(2);
        Thread.sleep(100); // time for a pass to run: it must wait for range 1
        assertThat(digest.result()).isNotDone();
        digest.stop();
        digest.landed(1);
        Thread.sleep(100);
        assertThat(digest.result()).isNotDone();
    }
}
