package dev.s3legacy.client.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Connect, request and idle-read timeouts: a stalled peer costs bounded time and leaves no file behind. */
class TimeoutTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path spool;

    private S3ClientConfig.Builder config(String endpoint) {
        return S3ClientConfig.builder().credentials("AKIDEXAMPLE", "timeout/secret/KEY").endpoint(endpoint)
                .retryBaseDelay(Duration.ofMillis(1)).maxRetries(0).spoolThreshold(100).spoolDirectory(spool);
    }

    private long spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void readTimeoutIsConfigurable() {
        S3ClientConfig defaults = S3ClientConfig.builder().build();
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        S3ClientConfig set = S3ClientConfig.builder().readTimeout(Duration.ofMillis(1500)).build();
        assertThat(set.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(set.toBuilder().build().readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> S3ClientConfig.builder().readTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
    }

    @Test
    void aDownloadThatStallsHalfWayTimesOutAndLeavesNoFile() throws Exception {
        try (RawHttpServer server = new RawHttpServer((n, head, out, s) -> {
            RawHttpServer.writeHead(out, "HTTP/1.1 200 OK", "Content-Length: 4000");
            out.write(new byte[2000]);
            out.flush();
            s.stall();
        })) {
            S3Connection s3 = new S3Connection(config(server.endpoint()).readTimeout(Duration.ofMillis(400)).maxRetries(1).build());
            long start = System.nanoTime();
            assertThatThrownBy(() -> s3.get("b-1", "k").close()).isInstanceOfSatisfying(S3LegacyException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(S3LegacyException.NO_RESPONSE);
                assertThat(e.getErrorCode()).isEqualTo("Timeout");
                assertThat(e.getMessage()).contains("read timeout");
            });
            long elapsed = millisSince(start);
            assertThat(server.requests()).as("a stalled GET is retried").hasSize(2);
            assertThat(elapsed).as("two stalls of ~400 ms").isBetween(780L, 5_000L);
            assertThat(spooledFiles()).isZero();
        }
    }

    @Test
    void aStalledErrorBodyIsCutOffAndTheStatusStillReported() throws Exception {
        try (RawHttpServer server = new RawHttpServer((n, head, out, s) -> {
            RawHttpServer.writeHead(out, "HTTP/1.1 404 Not Found", "Content-Length: 5000", "Content-Type: application/xml");
            out.write("<Error><Code>NoSuchKey</Code><Message>gone</Message>".getBytes());
            out.flush();
            s.stall();
        })) {
            S3Connection s3 = new S3Connection(config(server.endpoint()).readTimeout(Duration.ofMillis(300)).build());
            long start = System.nanoTime();
            assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOfSatisfying(S3LegacyException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(404);
                assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
            });
            assertThat(millisSince(start)).isBetween(250L, 3_000L);
        }
    }

    @Test
    void aSlowButSteadyDownloadIsNotAnIdleOne() throws Exception {
        byte[] body = new byte[8 * 1024];
        // a chunk every 200 ms, 1.6 s in all: longer than both timeouts, never idle for either
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody(body).withChunkedDribbleDelay(8, 1600)));
        // the request timeout ends when the headers arrive: it does not cut a long download short either
        S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort()).readTimeout(Duration.ofMillis(800))
                .requestTimeout(Duration.ofMillis(1000)).build());
        long start = System.nanoTime();
        try (S3Response r = s3.get("b-1", "k")) {
            assertThat(r.body().length()).isEqualTo(body.length);
        }
        assertThat(millisSince(start)).as("longer than either timeout in total").isGreaterThan(1_000L);
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aDribbleSlowerThanTheReadTimeoutFails() throws Exception {
        // WireMock waits before every chunk, the first too (the headers go with it): 1.5 s apart, whole after 4.5 s
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody(new byte[4096]).withChunkedDribbleDelay(3, 4500)));
        S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort()).readTimeout(Duration.ofMillis(300)).build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> s3.get("b-1", "k").close()).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(S3LegacyException.NO_RESPONSE);
            assertThat(e.getErrorCode()).isEqualTo("Timeout");
        });
        assertThat(millisSince(start)).as("gave up before the body was complete").isLessThan(4_000L);
        assertThat(spooledFiles()).isZero();
    }

    @Test
    void requestTimeoutEndsAWaitForHeaders() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody("late").withFixedDelay(3_000)));
        S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort())
                .requestTimeout(Duration.ofMillis(300)).maxRetries(1).build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(S3LegacyException.NO_RESPONSE);
            assertThat(e.getErrorCode()).isEqualTo("Timeout");
        });
        assertThat(millisSince(start)).as("two attempts of ~300 ms").isBetween(550L, 2_500L);
    }

    @Test
    void connectTimeoutEndsAConnectThatIsNeverAccepted() throws Exception {
        // A listening socket whose accept queue is full drops further SYNs: the connect hangs (Linux).
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
            boolean queueFull = false;
            for (int i = 0; i < 8 && !queueFull; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(loopback, full.getLocalPort()), 200);
                    fillers.add(s);
                } catch (IOException e) {
                    s.close();
                    queueFull = e instanceof java.net.SocketTimeoutException;
                }
            }
            assumeTrue(queueFull, "this OS does not leave connects to a full accept queue hanging");
            S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + full.getLocalPort())
                    .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofSeconds(20)).build());
            long start = System.nanoTime();
            assertThatThrownBy(() -> s3.get("b-1", "k")).isInstanceOfSatisfying(S3LegacyException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(S3LegacyException.NO_RESPONSE);
                assertThat(e.getErrorCode()).isEqualTo("Timeout");
            });
            assertThat(millisSince(start)).isLessThan(3_000L);
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }
}
