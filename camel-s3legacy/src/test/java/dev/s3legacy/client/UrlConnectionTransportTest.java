package dev.s3legacy.client;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Object GETs go through the JDK's blocking HttpURLConnection ({@link UrlConnectionTransport}); everything
 * else, GETs with {@code blockingTransport(false)}, and GETs while the JDK would log their headers, through the
 * HttpClient. Told apart on the wire: HttpURLConnection is given {@code Accept: *}{@code /*}, the HttpClient
 * sends none.
 */
class UrlConnectionTransportTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

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

    private S3ClientConfig.Builder wire() {
        return S3ClientConfig.builder().credentials("AKIDEXAMPLE", "secret/EXAMPLE/key")
                .endpoint("http://127.0.0.1:" + wm.getPort()).spoolDirectory(spool).downloadPartSize(0)
                .retryBaseDelay(Duration.ofMillis(1));
    }

    private S3ClientConfig.Builder s3proxy() {
        return S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).spoolDirectory(spool);
    }

    private static List<LoggedRequest> requests() {
        return wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    }

    private static boolean sentByUrlConnection(LoggedRequest r) {
        return r.containsHeader("Accept");
    }

    @Test
    void urlConnectionsBrowserLikeAcceptHeaderIsReplaced() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("abc")));
        try (S3Connection s3 = new S3Connection(wire().build()); S3Response r = s3.get("b-1", "k")) {
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(requests().get(0).getHeader("Accept")).isEqualTo("*/*");
    }

    @Test
    void requestsGoThroughUrlConnectionExceptPostsAndBodiesOfUnknownLength() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("abc")));
        assertThat(UrlConnectionTransport.exposedByJvmSettings()).as("the JDK's connection logger is off in tests").isFalse();
        try (S3Connection s3 = new S3Connection(wire().build())) {
            try (S3Response r = s3.get("b-1", "k")) {
                assertThat(r.body().bytes()).containsExactly('a', 'b', 'c');
            }
            s3.head("b-1", "k").close();
            s3.put("b-1", "k", RequestBody.ofString("12345"));
            s3.delete("b-1", "k");
            s3.executeAsync(S3Requests.put("b-1", "s", RequestBody.ofStream(new java.io.ByteArrayInputStream(new byte[3]), -1), null, null))
                    .handle((r, e) -> null).join();
            s3.executeAsync(S3Requests.initiateMultipartUpload("b-1", "m", null, null)).handle((r, e) -> null).join();
        }
        List<LoggedRequest> sent = new java.util.ArrayList<>(requests());
        java.util.Collections.reverse(sent);
        assertThat(sent).extracting(r -> r.getMethod().getName()).containsExactly("GET", "HEAD", "PUT", "DELETE", "PUT", "POST");
        assertThat(sent).extracting(UrlConnectionTransportTest::sentByUrlConnection).containsExactly(true, true, true, true, false, false);
        assertThat(sent.get(0).getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
        assertThat(sent.get(2).getBodyAsString()).isEqualTo("12345");
        assertThat(sent.get(2).getHeader("Content-Length")).isEqualTo("5");
        assertThat(sent.get(2).containsHeader("Content-Type")).as("no form Content-Type added to a PUT").isFalse();
        assertThat(sent.get(2).containsHeader("Cache-Control")).as("no Cache-Control, which S3 would store on the object").isFalse();
        assertThat(sent.get(2).containsHeader("Pragma")).isFalse();
    }

    @Test
    void blockingTransportFalseSendsTheGetThroughTheHttpClient() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("abc")));
        try (S3Connection s3 = new S3Connection(wire().blockingTransport(false).build()); S3Response r = s3.get("b-1", "k")) {
            assertThat(r.body().bytes()).containsExactly('a', 'b', 'c');
        }
        assertThat(sentByUrlConnection(requests().get(0))).isFalse();
    }

    @Test
    void whileTheJdkWouldLogRequestHeadersTheGetTakesTheHttpClient() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("abc")));
        Logger jdk = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");
        Level before = jdk.getLevel();
        jdk.setLevel(Level.FINE);
        try (S3Connection s3 = new S3Connection(wire().credentials("AKIDEXAMPLE", "secret/EXAMPLE/key", "SESSION-TOKEN").build()); S3Response r = s3.get("b-1", "k")) {
            assertThat(UrlConnectionTransport.exposedByJvmSettings()).isTrue();
            assertThat(r.body().bytes()).containsExactly('a', 'b', 'c');
        } finally {
            jdk.setLevel(before);
        }
        assertThat(sentByUrlConnection(requests().get(0))).as("sent by the HttpClient, whose header dump has its own switch").isFalse();
    }

    @Test
    void aServiceErrorOnAGetIsReadFromTheErrorStream() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody(
                "<Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>R1</RequestId></Error>")));
        try (S3Connection s3 = new S3Connection(wire().build())) {
            assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOfSatisfying(S3LegacyException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(404);
                assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
            });
        }
        assertThat(sentByUrlConnection(requests().get(0))).isTrue();
    }

    @Test
    void aBodyShorterThanItsContentLengthFailsAndLeavesNoFile() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(new byte[4 * 1024 * 1024])
                .withChunkedDribbleDelay(2, 50).withHeader("Content-Length", "5000000")));
        try (S3Connection s3 = new S3Connection(wire().maxRetries(0).spoolThreshold(1024).build())) {
            assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOf(S3LegacyException.class);
        }
        try (var files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void largeObjectsArriveByteExactSpooledRangedAndStreamed() throws Exception {
        byte[] data = new byte[3 * (int) S3Limits.MIN_DOWNLOAD_PART_SIZE + 12345];
        new Random(7).nextBytes(data);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
        try (S3Connection s3 = new S3Connection(s3proxy().spoolThreshold(1024).downloadPartSize(S3Limits.MIN_DOWNLOAD_PART_SIZE).build());
             S3Connection single = new S3Connection(s3proxy().spoolThreshold(1024).downloadPartSize(0).build());
             S3Connection streamed = new S3Connection(s3proxy().spoolDownloads(false).build())) {
            s3.createBucket("blocking");
            s3.put("blocking", "k", RequestBody.ofBytes(data));
            for (S3Connection c : List.of(s3, single)) {
                try (S3Response r = c.get("blocking", "k")) {
                    assertThat(r.body().isSpooled()).isTrue();
                    assertThat(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(r.body().file()))).isEqualTo(sha);
                }
            }
            try (S3Response r = streamed.get("blocking", "k"); InputStream in = r.body().openStream()) {
                assertThat(r.body().isStreaming()).isTrue();
                assertThat(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())).isEqualTo(sha);
            }
            // a stream closed after a few bytes drops its connection; the next GET is served on another
            try (S3Response r = streamed.get("blocking", "k"); InputStream in = r.body().openStream()) {
                assertThat(in.readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(data, 10));
            }
            try (S3Response r = streamed.get("blocking", "k"); InputStream in = r.body().openStream()) {
                assertThat(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())).isEqualTo(sha);
            }
        }
        try (var files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }
}
