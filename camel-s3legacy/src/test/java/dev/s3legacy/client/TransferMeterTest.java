package dev.s3legacy.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress model without Camel: bytes counted once across parallel pieces and retried attempts, snapshots
 * that never go back, a retried PUT on the wire, a multipart copy against s3proxy.
 */
class TransferMeterTest {

    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void parallelPiecesSentSeveralTimesCountEachByteOnce() throws Exception {
        TransferMeter meter = new TransferMeter("b", "k", TransferProgress.Direction.DOWNLOAD, 8L * 1000 * 1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> pieces = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                TransferMeter.Segment segment = meter.segment();
                pieces.add(CompletableFuture.runAsync(() -> {
                    for (int attempt = 0; attempt < 3; attempt++) { // two attempts fail part way, the third goes through
                        int reach = attempt < 2 ? 400_000 + attempt * 300_000 : 1_000_000;
                        for (int at = 1000; at <= reach; at += 1000) {
                            segment.reached(at);
                        }
                    }
                }, pool));
            }
            TransferProgress previous = null;
            while (!CompletableFuture.allOf(pieces.toArray(CompletableFuture[]::new)).isDone()) {
                TransferProgress now = meter.snapshot(previous, TransferProgress.State.RUNNING);
                if (previous != null) {
                    assertThat(now.bytesDone()).isGreaterThanOrEqualTo(previous.bytesDone());
                }
                previous = now;
            }
        } finally {
            pool.shutdown();
        }
        TransferProgress done = meter.snapshot(null, TransferProgress.State.COMPLETED);
        assertThat(done.bytesDone()).isEqualTo(8_000_000);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.timeLeft()).isEqualTo(Duration.ZERO);
    }

    @Test
    void snapshotsGiveRateAndTimeLeftOnlyWhereKnown() {
        TransferMeter unknown = new TransferMeter("b", "k", TransferProgress.Direction.UPLOAD, -1);
        unknown.add(3 * MIB);
        TransferProgress running = unknown.snapshot(null, TransferProgress.State.RUNNING);
        assertThat(running.totalBytes()).isEqualTo(-1);
        assertThat(running.timeLeft()).isNull();
        assertThat(running.percent()).isEqualTo(-1);
        assertThat(running.toString()).startsWith("upload b/k: 3.0 MiB so far, ");
        TransferProgress completed = unknown.snapshot(running, TransferProgress.State.COMPLETED);
        assertThat(completed.totalBytes()).as("a completed stream's total is what it gave").isEqualTo(3 * MIB);
        assertThat(completed.toString()).startsWith("upload b/k: done, 3.0 MiB in ");

        TransferMeter failed = new TransferMeter("b", "k", TransferProgress.Direction.COPY, 10 * MIB);
        failed.add(4 * MIB);
        assertThat(failed.snapshot(null, TransferProgress.State.FAILED).toString())
                .startsWith("copy b/k: failed after ").endsWith(", 4.0 MiB of 10.0 MiB (40%)");
    }

    @Test
    void aRetriedPutCountsItsBodyOnce() {
        wm.stubFor(put(urlPathEqualTo("/bucket/k")).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
        wm.stubFor(put(urlPathEqualTo("/bucket/k")).inScenario("retry").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        byte[] data = new byte[3 * MIB];
        new Random(1).nextBytes(data);
        TransferMeter meter = new TransferMeter("bucket", "k", TransferProgress.Direction.UPLOAD, data.length);
        try (S3Connection s3 = new S3Connection(S3ClientConfig.builder().endpoint("http://127.0.0.1:" + wm.getPort())
                .retryBaseDelay(Duration.ofMillis(1)).maxRetries(2).build())) {
            s3.execute(S3Requests.put("bucket", "k", RequestBody.ofBytes(data), null, null).progress(meter)).close();
        }
        wm.verify(2, putRequestedFor(urlPathEqualTo("/bucket/k")));
        assertThat(meter.bytesDone()).isEqualTo(data.length);
    }

    @Test
    void aMultipartCopyCountsEachPartOnceCopied() {
        try (S3ProxyServer server = S3ProxyServer.start();
             S3Connection s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                     .endpoint(server.endpoint()).build())) {
            s3.createBucket("meter-copy");
            byte[] data = new byte[11 * MIB];
            new Random(2).nextBytes(data);
            s3.put("meter-copy", "src", RequestBody.ofBytes(data));
            TransferMeter meter = new TransferMeter("meter-copy", "dst", TransferProgress.Direction.COPY, -1);
            new MultipartCopier(s3, 5 * MIB, 2).withProgress(meter).copy("meter-copy", "src", null, "meter-copy", "dst", null);
            assertThat(meter.total()).isEqualTo(data.length);
            assertThat(meter.bytesDone()).isEqualTo(data.length);
        }
    }
}
