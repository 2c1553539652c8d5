package dev.s3legacy.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.model.ListBucketResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defects of the send path found by review, each with the test that failed before its fix. */
class SendPathSafetyTest {

    private static final String ACCESS_KEY = "AKIDEXAMPLEKEYID";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path spool;

    private S3ClientConfig.Builder config() {
        return S3ClientConfig.builder().credentials(ACCESS_KEY, "secret/EXAMPLE/key")
                .endpoint("http://127.0.0.1:" + wm.getPort()).retryBaseDelay(Duration.ofMillis(1))
                .spoolDirectory(spool);
    }

    private long spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    @Test
    void redirectsAreFollowedOnlyWithinTheConfiguredStore() {
        URI aws = URI.create("https://s3.amazonaws.com");
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "s3.amazonaws.com")).isNull();
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "b-1.s3.amazonaws.com")).isNull();
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "s3.eu-west-1.amazonaws.com")).isNull();
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "b-1.s3.eu-west-1.amazonaws.com")).isNull();
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "s3-eu-west-1.amazonaws.com:443")).isNull();
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "s3.dualstack.eu-west-1.amazonaws.com")).isNull();

        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "other.s3.eu-west-1.amazonaws.com")).contains("outside");
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "ec2.amazonaws.com")).contains("outside");
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "s3.amazonaws.com.evil.example")).contains("outside");
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "s3.cn-north-1.amazonaws.com.cn")).contains("outside");
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "169.254.169.254")).contains("outside");
        assertThat(StoreHosts.whyNotInStore(aws, "b-1", "s3.eu-west-1.amazonaws.com:8443")).contains("port");

        URI minio = URI.create("http://minio.internal:9000");
        assertThat(StoreHosts.whyNotInStore(minio, "b-1", "minio.internal:9000")).isNull();
        assertThat(StoreHosts.whyNotInStore(minio, "b-1", "b-1.minio.internal:9000")).isNull();
        assertThat(StoreHosts.whyNotInStore(minio, "b-1", "minio.internal")).contains("port");
        assertThat(StoreHosts.whyNotInStore(minio, "b-1", "s3.amazonaws.com:9000")).contains("outside");
        assertThat(StoreHosts.whyNotInStore(minio, "b-1", "127.0.0.1:9000")).contains("outside");

        assertThat(StoreHosts.awsRegionalHost(aws, "eu-west-1")).isEqualTo("s3.eu-west-1.amazonaws.com");
        assertThat(StoreHosts.awsRegionalHost(minio, "eu-west-1")).isNull();
    }

    /** Defect: with {@code https://host:443} V4 signed Host with :443 while the JDK sent none. */
    @Test
    void aDefaultPortIsDroppedSoTheSignedHostIsTheOneSent() {
        S3ClientConfig https = S3ClientConfig.builder().endpoint("https://s3.example.com:443").callingFormat(CallingFormat.PATH).build();
        assertThat(https.endpoint()).isEqualTo(URI.create("https://s3.example.com"));
        assertThat(WireAddress.resolve(https, "b-1", "k").host()).isEqualTo("s3.example.com");
        S3ClientConfig http = S3ClientConfig.builder().endpoint("http://store.example:80").build();
        assertThat(WireAddress.resolve(http, "b-1", "k").host()).isEqualTo("b-1.store.example");
        S3ClientConfig other = S3ClientConfig.builder().endpoint("https://store.example:8443").build();
        assertThat(WireAddress.resolve(other, "b-1", "k").host()).isEqualTo("b-1.store.example:8443");
    }

    /** Defect: a store repeating the same NextMarker made a listing walk loop for ever. */
    @Test
    void aListingWhoseMarkerDoesNotAdvanceStopsWithAnError() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody("<ListBucketResult><Name>b-1</Name><IsTruncated>true</IsTruncated>"
                + "<NextMarker>same</NextMarker><Contents><Key>same</Key><ETag>\"e\"</ETag><Size>1</Size>"
                + "<LastModified>2026-01-01T00:00:00.000Z</LastModified></Contents></ListBucketResult>")));
        Iterator<ListBucketResponse> pages = new S3Connection(config().build()).listBucketPages("b-1", null, null, null).iterator();
        pages.next();
        pages.next();
        assertThatThrownBy(pages::next).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("ListingNotAdvancing");
            assertThat(e.getMessage()).contains("'same'");
            assertThat(e.isServiceError()).isFalse();
        });
        assertThat(wm.getAllServeEvents()).hasSize(2);
    }

    /** Defect: ACL, logging and {@code ?uploads} documents were read whole into a String, however large. */
    @Test
    void aDocumentAboveTheLimitIsRefusedNotReadIntoMemory() throws Exception {
        byte[] huge = new byte[(int) S3Limits.MAX_DOCUMENT_BYTES + 1];
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody(huge)));
        assertThatThrownBy(() -> new S3Connection(config().build()).getBucketAcl("b-1"))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("InvalidResponse");
                    assertThat(e.getMessage()).contains(Long.toString(S3Limits.MAX_DOCUMENT_BYTES));
                });
        assertThat(spooledFiles()).isZero();
    }

    /** Defect: an interrupted blocking execute() left its spooled response (a temporary file) unclosed. */
    @Test
    void anInterruptedExecuteClosesTheResponseWhenItArrives() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody(new byte[2 * 1024 * 1024]).withFixedDelay(700)));
        S3Connection s3 = new S3Connection(config().verifyDownloads(false).build());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                s3.get("b-1", "k");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join(5000);
        assertThat(failure.get()).isInstanceOfSatisfying(S3LegacyException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("Interrupted"));
        // the answer arrives after the interrupt, is spooled (2 MiB > 1 MiB), and must be deleted
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wm.getAllServeEvents().isEmpty() || spooledFiles() > 0) {
            assertThat(System.nanoTime()).as("spool file deleted").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(1000); // the response has surely arrived and been handled by now
        assertThat(spooledFiles()).isZero();
    }

    /** Defect: toString() printed the access key id in clear. */
    @Test
    void toStringShowsAtMostTheFirstFourCharactersOfTheAccessKey() {
        S3Connection s3 = new S3Connection(config().build());
        for (Object o : new Object[] {s3.config(), s3, new QueryStringAuthGenerator(s3)}) {
            assertThat(o.toString()).contains("AKID****").doesNotContain(ACCESS_KEY).doesNotContain("AKIDE")
                    .doesNotContain("secret/EXAMPLE/key");
        }
    }

    /** Defect: a static block set the JVM-wide jdk.httpclient.bufsize for every HTTP client of the application. */
    @Test
    void noJvmWideSystemPropertyIsSet() {
        new S3Connection(config().build()).close();
        assertThat(System.getProperty("jdk.httpclient.bufsize")).isNull();
    }

    /** Defect: threads and clients outlived their connection. */
    @Test
    void aClosedConnectionStopsItsThreadsAndSendsNothingMore() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>")));
        S3Connection s3 = new S3Connection(config().maxRetries(1).build());
        CompletableFuture<S3Response> sent = s3.executeAsync(S3Requests.get("b-1", "k"));
        assertThatThrownBy(sent::join).hasCauseInstanceOf(S3LegacyException.class);
        s3.close();
        assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("s3legacy-timer-" + s3.id))) {
            assertThat(System.nanoTime()).as("timer thread stopped").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("no JVM-wide read-timeout sweeper that never stops")
                .noneMatch(t -> t.getName().equals("s3legacy-read-timeout"));
    }
}
