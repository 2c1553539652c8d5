package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parallel ranged downloads: byte-exact against s3proxy for sizes around the part size, and on the wire
 * (WireMock) what a rewrite during the download and a failed range do: a clear failure, the ranges not yet
 * sent never sent, and no spool file left.
 */
class RangedDownloadTest {

    private static final int PART = (int) S3Limits.MIN_DOWNLOAD_PART_SIZE;
    private static S3ProxyServer server;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

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

    private S3ClientConfig.Builder config(String endpoint, int concurrency) {
        return S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).endpoint(endpoint)
                .spoolDirectory(spool).downloadPartSize(PART).downloadConcurrency(concurrency)
                .retryBaseDelay(Duration.ofMillis(1)).maxRetries(1);
    }

    private long spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            d.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, PART - 1, PART, PART + 1, 3 * PART + 1})
    void anObjectComesBackByteExactWhateverItsSizeAroundThePartSize(int size) throws Exception {
        byte[] data = random(size, size);
        try (S3Connection s3 = new S3Connection(config(server.endpoint(), 3).build())) {
            String bucket = "ranged-" + size;
            s3.createBucket(bucket);
            s3.put(bucket, "k", RequestBody.ofBytes(data));
            try (S3Response r = s3.get(bucket, "k")) {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.contentLength()).isEqualTo(size);
                assertThat(r.header("Content-Range")).isNull();
                assertThat(r.body().length()).isEqualTo(size);
                try (InputStream in = r.body().openStream()) {
                    assertThat(sha256(in)).isEqualTo(sha256(new java.io.ByteArrayInputStream(data)));
                }
            }
            assertThat(spooledFiles()).as("the spool file is deleted with the response").isZero();
        }
    }

    @Test
    void aRangedDownloadSendsEachRangeOnceWithTheFirstEtag() throws Exception {
        byte[] data = random(3 * PART + 1, 7);
        String etag = md5(data);
        stubRanges(data, etag);
        try (S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), 2).build());
             S3Response r = s3.get("bucket", "k")) {
            assertThat(r.body().bytes()).isEqualTo(data);
        }
        List<LoggedRequest> sent = wm.findAll(getRequestedFor(urlPathEqualTo("/bucket/k")));
        assertThat(sent).extracting(q -> q.getHeader("Range")).containsExactlyInAnyOrder(
                "bytes=0-" + (PART - 1), "bytes=" + PART + "-" + (2 * PART - 1), "bytes=" + 2 * PART + "-" + (3 * PART - 1),
                "bytes=" + 3 * PART + "-" + 3 * PART);
        assertThat(sent).filteredOn(q -> !q.getHeader("Range").startsWith("bytes=0-"))
                .allSatisfy(q -> assertThat(q.getHeader("If-Match")).isEqualTo("\"" + etag + "\""));
        assertThat(spooledFiles()).isZero();
    }

    @Test
    void anObjectRewrittenDuringTheDownloadFailsClearlyAndLeavesNoFile() throws Exception {
        byte[] data = random(3 * PART, 11);
        stubRanges(data, md5(data));
        // the object was rewritten after the first range: every later range's If-Match fails
        wm.stubFor(get(urlPathEqualTo("/bucket/k")).withHeader("If-Match", equalTo("\"" + md5(data) + "\""))
                .willReturn(aResponse().withStatus(412).withBody("<Error><Code>PreconditionFailed</Code>"
                        + "<Message>At least one of the pre-conditions you specified did not hold</Message></Error>")));
        try (S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), 2).build())) {
            assertThatThrownBy(() -> s3.get("bucket", "k")).isInstanceOf(S3LegacyException.class)
                    .hasMessageContaining("412").hasMessageContaining("changed during the download")
                    .hasMessageContaining(md5(data));
        }
        assertThat(spooledFiles()).as("no partial download is left").isZero();
    }

    @Test
    void aFailedRangeStopsTheDownloadSendsNoMoreRangesAndDeletesTheFile() throws Exception {
        byte[] data = random(6 * PART, 13);
        stubRanges(data, md5(data));
        wm.stubFor(get(urlPathEqualTo("/bucket/k")).withHeader("Range", equalTo("bytes=" + 2 * PART + "-" + (3 * PART - 1)))
                .willReturn(aResponse().withStatus(403).withBody("<Error><Code>AccessDenied</Code></Error>")));
        try (S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), 1).build())) {
            assertThatThrownBy(() -> s3.get("bucket", "k")).isInstanceOf(S3LegacyException.class)
                    .hasMessageContaining("AccessDenied");
        }
        // one range at a time: ranges 0, 1 and the failed 2; 3 to 5 are never asked for
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/bucket/k")))).hasSize(3);
        assertThat(spooledFiles()).isZero();
    }

    @Test
    void aRangeShorterThanAskedFailsTheDownload() throws Exception {
        byte[] data = random(2 * PART, 17);
        stubRanges(data, "v1-opaque");
        // the second range claims the right Content-Range but sends one byte less
        wm.stubFor(get(urlPathEqualTo("/bucket/k")).withHeader("Range", equalTo("bytes=" + PART + "-" + (2 * PART - 1)))
                .willReturn(aResponse().withStatus(206).withHeader("ETag", "\"v1-opaque\"")
                        .withHeader("Content-Range", "bytes " + PART + "-" + (2 * PART - 2) + "/" + data.length)
                        .withBody(Arrays.copyOfRange(data, PART, 2 * PART - 1))));
        try (S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), 2).build())) {
            assertThatThrownBy(() -> s3.get("bucket", "k")).isInstanceOf(S3LegacyException.class)
                    .hasMessageContaining("asked for " + PART + " bytes at " + PART);
        }
        assertThat(spooledFiles()).isZero();
    }

    @Test
    void aWholeObjectWhoseMd5IsNotItsEtagFails() throws Exception {
        byte[] data = random(2 * PART, 19);
        byte[] other = data.clone();
        other[PART + 5] ^= 1;
        stubRanges(other, md5(data)); // the store says data's MD5, sends other's bytes
        try (S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), 2).maxRetries(0).build())) {
            assertThatThrownBy(() -> s3.get("bucket", "k")).isInstanceOf(S3LegacyException.class)
                    .hasMessageContaining("BadDigest");
        }
        assertThat(spooledFiles()).isZero();
    }

    @Test
    void aStoreThatIgnoresRangeIsReadWhole() throws Exception {
        byte[] data = random(3 * PART, 23);
        wm.stubFor(get(urlPathEqualTo("/bucket/k")).willReturn(aResponse().withHeader("ETag", "\"" + md5(data) + "\"").withBody(data)));
        try (S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), 2).build());
             S3Response r = s3.get("bucket", "k")) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().bytes()).isEqualTo(data);
        }
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/bucket/k")))).hasSize(1);
    }

    /** Serves each range of {@code data} as S3 does. */
    private void stubRanges(byte[] data, String etag) {
        for (int offset = 0; offset < data.length; offset += PART) {
            int end = Math.min(data.length, offset + PART);
            wm.stubFor(get(urlPathEqualTo("/bucket/k")).withHeader("Range", equalTo("bytes=" + offset + "-" + (offset + PART - 1)))
                    .willReturn(aResponse().withStatus(206).withHeader("ETag", "\"" + etag + "\"")
                            .withHeader("Content-Range", "bytes " + offset + "-" + (end - 1) + "/" + data.length)
                            .withBody(Arrays.copyOfRange(data, offset, end))));
            if (end - offset < PART) {
                // the last range is asked for exactly (the length is known by then); the first one is not
                wm.stubFor(get(urlPathEqualTo("/bucket/k")).withHeader("Range", equalTo("bytes=" + offset + "-" + (end - 1)))
                        .willReturn(aResponse().withStatus(206).withHeader("ETag", "\"" + etag + "\"")
                                .withHeader("Content-Range", "bytes " + offset + "-" + (end - 1) + "/" + data.length)
                                .withBody(Arrays.copyOfRange(data, offset, end))));
            }
        }
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
