package dev.s3legacy.client.faults;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.client.S3Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.s3legacy.client.faults.FaultStubs.error;
import static dev.s3legacy.client.faults.FaultStubs.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries: which failures, how often, how long apart, and which requests are never sent twice. */
class RetryTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static S3ClientConfig.Builder config(String endpoint) {
        return S3ClientConfig.builder().credentials("AKIDEXAMPLE", "retry/secret/KEY").endpoint(endpoint)
                .retryBaseDelay(Duration.ofMillis(1)).maxRetries(3);
    }

    private S3Connection connection() {
        return new S3Connection(config("http://127.0.0.1:" + wm.getPort()).build());
    }

    private int requests() {
        return wm.getAllServeEvents().size();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetriedThenSucceed(int status) {
        sequence(wm, () -> get(urlEqualTo("/b-1/k")), aResponse().withStatus(status), aResponse().withStatus(status),
                aResponse().withBody("ok"));
        try (S3Response r = connection().get("b-1", "k")) {
            assertThat(r.body().asString()).isEqualTo("ok");
        }
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void slowDownAndRequestTimeoutCodesAreRetried() {
        // S3 answers an upload it gave up waiting for with 400 RequestTimeout: retryable by its code
        sequence(wm, () -> get(urlEqualTo("/b-1/k")),
                aResponse().withStatus(400).withBody(error("RequestTimeout", "Your socket connection timed out")),
                aResponse().withStatus(503).withBody(error("SlowDown", "Please reduce your request rate.")),
                aResponse().withBody("ok"));
        try (S3Response r = connection().get("b-1", "k")) {
            assertThat(r.body().asString()).isEqualTo("ok");
        }
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody(error("NoSuchKey", "gone"))));
        assertThatThrownBy(() -> connection().get("b-1", "k")).isInstanceOfSatisfying(S3LegacyException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchKey"));
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonoured() {
        sequence(wm, () -> get(urlEqualTo("/b-1/k")),
                aResponse().withStatus(503).withHeader("Retry-After", "1").withBody(error("SlowDown", "wait")),
                aResponse().withBody("ok"));
        long start = System.nanoTime();
        try (S3Response r = connection().get("b-1", "k")) {
            assertThat(r.body().asString()).isEqualTo("ok");
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).as("waited for Retry-After: 1 (base delay is 1 ms)").isGreaterThanOrEqualTo(950);
        assertThat(requests()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void maxRetriesIsRespected(int maxRetries) {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody(error("SlowDown", "busy"))));
        S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort()).maxRetries(maxRetries).build());
        assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(503);
            assertThat(e.getErrorCode()).isEqualTo("SlowDown");
            assertThat(e.getRequestId()).isEqualTo("REQ-SlowDown");
        });
        assertThat(requests()).isEqualTo(maxRetries + 1);
    }

    @Test
    void backoffGrowsExponentially() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
        S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort())
                .retryBaseDelay(Duration.ofMillis(100)).maxRetries(3).build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOf(S3LegacyException.class);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // delays are half fixed, half jitter: at least 50 + 100 + 200 ms, at most 100 + 200 + 400 ms
        assertThat(elapsedMillis).isBetween(350L, 2_500L);
        assertThat(requests()).isEqualTo(4);
    }

    @Test
    void initiatingAMultipartUploadIsNeverRetried() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody(error("SlowDown", "busy"))));
        assertThatThrownBy(() -> connection().execute(S3Requests.initiateMultipartUpload("b-1", "k", null, null)))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getStatusCode()).isEqualTo(503));
        assertThat(requests()).isEqualTo(1);
        assertThat(wm.getAllServeEvents().get(0).getRequest().getUrl()).isEqualTo("/b-1/k?uploads");
    }

    @Test
    void oneShotStreamBodyIsSentOnceBytesBodyIsRetried() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody(error("SlowDown", "busy"))));
        byte[] data = "streamed".getBytes(StandardCharsets.UTF_8);
        S3Connection s3 = connection();

        assertThatThrownBy(() -> s3.put("b-1", "k", RequestBody.ofStream(new ByteArrayInputStream(data), data.length)))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getStatusCode()).isEqualTo(503));
        assertThat(requests()).as("stream body").isEqualTo(1);

        wm.resetRequests();
        assertThatThrownBy(() -> s3.put("b-1", "k", RequestBody.ofBytes(data)))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getStatusCode()).isEqualTo(503));
        assertThat(requests()).as("bytes body").isEqualTo(4);
        assertThat(wm.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).isEqualTo("streamed"));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void transportFaultsAreRetriedThenSucceed(Fault fault) {
        sequence(wm, () -> get(urlEqualTo("/b-1/k")), aResponse().withFault(fault), aResponse().withFault(fault),
                aResponse().withBody("whole body"));
        try (S3Response r = connection().get("b-1", "k")) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().asString()).isEqualTo("whole body");
        }
        assertThat(requests()).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void transportFaultsFailOnceRetriesAreExhausted(Fault fault) {
        wm.stubFor(get(urlEqualTo("/b-1/k")).willReturn(aResponse().withFault(fault)));
        S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort()).maxRetries(2).build());
        assertThatThrownBy(() -> s3.get("b-1", "k").close()).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(S3LegacyException.NO_RESPONSE);
            assertThat(e.getErrorCode()).isIn("ConnectionFailed", "Timeout");
            assertThat(e.getMessage()).contains("/b-1/k");
        });
        assertThat(requests()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void connectionRefusedIsRetriedThenReported() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + closedPort).maxRetries(2).build());
        assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(S3LegacyException.NO_RESPONSE);
            assertThat(e.getErrorCode()).isEqualTo("ConnectionRefused");
        });
    }
}
