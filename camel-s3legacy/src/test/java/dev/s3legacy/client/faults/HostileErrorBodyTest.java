package dev.s3legacy.client.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error answers written to hurt: huge, cut short, binary, or with entities. The status survives, nothing else does. */
class HostileErrorBodyTest {

    private static final int KEPT = 64 * 1024;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private S3Connection connection() {
        return new S3Connection(S3ClientConfig.builder().credentials("AKIDEXAMPLE", "hostile/secret/KEY")
                .endpoint("http://127.0.0.1:" + wm.getPort()).retryBaseDelay(Duration.ofMillis(1)).maxRetries(1).build());
    }

    private S3LegacyException failure(Runnable call) {
        try {
            call.run();
        } catch (S3LegacyException e) {
            return e;
        }
        throw new AssertionError("expected an S3LegacyException");
    }

    @Test
    void aFiveMebibyteHtmlPageIsDrainedNotKept() {
        byte[] page = new byte[5 * 1024 * 1024];
        Arrays.fill(page, (byte) 'x');
        byte[] head = "<html><head><title>500 Internal Server Error</title></head><body>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, page, 0, head.length);
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withHeader("x-amz-request-id", "PROXY-1").withBody(page)));

        S3LegacyException e = failure(() -> connection().get("b-1", "k"));
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.getErrorCode()).isEqualTo("InternalError");
        assertThat(e.getRequestId()).isEqualTo("PROXY-1");
        assertThat(e.getErrorDocument()).startsWith("<html>").hasSizeLessThanOrEqualTo(KEPT);
        assertThat(e.getMessage()).hasSizeLessThan(1024);
        assertThat(wm.getAllServeEvents()).as("5xx retried once").hasSize(2);
    }

    @Test
    void aTruncatedXmlErrorKeepsWhatWasReadable() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
                .withBody("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not ex")));
        S3LegacyException e = failure(() -> connection().get("b-1", "k"));
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
    }

    @Test
    void anErrorWithAnExternalEntityResolvesNothing() {
        // If the parser resolved entities it would fetch this DTD, or read a local file into the message.
        wm.stubFor(get(urlPathEqualTo("/evil.dtd")).willReturn(aResponse().withBody("<!ENTITY leak \"LEAKED-BY-DTD\">")));
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE Error [\n"
                + "  <!ENTITY xxe SYSTEM \"file:///etc/hostname\">\n"
                + "  <!ENTITY % remote SYSTEM \"http://127.0.0.1:" + wm.getPort() + "/evil.dtd\"> %remote;\n"
                + "]>\n<Error><Code>&xxe;</Code><Message>&xxe;&leak;</Message></Error>";
        wm.stubFor(get(urlEqualTo("/b-1/k")).willReturn(aResponse().withStatus(400).withBody(doc)));

        S3LegacyException e = failure(() -> connection().get("b-1", "k"));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getErrorCode()).isEqualTo("BadRequest");
        assertThat(e.getMessage()).doesNotContain("LEAKED-BY-DTD").doesNotContain(hostname());
        assertThat(e.getS3Message()).isNull();
        assertThat(wm.getAllServeEvents()).as("no request for the DTD").hasSize(1);
    }

    @Test
    void aBillionLaughsErrorIsRefusedQuickly() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            doc.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doc.append("]><Error><Code>&l9;</Code></Error>");
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody(doc.toString())));
        long start = System.nanoTime();
        S3LegacyException e = failure(() -> connection().get("b-1", "k"));
        assertThat(e.getStatusCode()).isEqualTo(503);
        assertThat(e.getErrorCode()).isEqualTo("ServiceUnavailable");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }

    @Test
    void binaryGarbageAsAnErrorBodyKeepsTheStatus() {
        byte[] garbage = new byte[100_000];
        new Random(42).nextBytes(garbage);
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withBody(garbage)));
        S3LegacyException e = failure(() -> connection().listBucket("b-1", null, null, null, null));
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void aHugeErrorCodeOrMessageIsBounded() {
        String huge = "A".repeat(1_000_000);
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
                .withBody("<Error><Code>" + huge + "</Code><Message>" + huge + "</Message></Error>")));
        S3LegacyException e = failure(() -> connection().get("b-1", "k"));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getMessage().length()).isLessThanOrEqualTo(KEPT + 512);
    }

    @Test
    void aSuccessfulListingWithADoctypeIsRefused() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<?xml version=\"1.0\"?>"
                + "<!DOCTYPE ListBucketResult [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
                + "<ListBucketResult><Name>&xxe;</Name><IsTruncated>false</IsTruncated></ListBucketResult>")));
        S3LegacyException e = failure(() -> connection().listBucket("b-1", null, null, null, null));
        assertThat(e.getStatusCode()).isEqualTo(200);
        assertThat(e.getErrorCode()).isEqualTo("InvalidResponse");
        assertThat(e.getMessage()).doesNotContain(hostname());
    }

    private static String hostname() {
        try {
            String h = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
            return h.isEmpty() ? "\u0000never" : h;
        } catch (java.io.IOException e) {
            return "\u0000never";
        }
    }
}
