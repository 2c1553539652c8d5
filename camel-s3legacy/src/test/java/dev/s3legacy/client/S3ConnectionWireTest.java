package dev.s3legacy.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What goes on the wire for each operation: method, path, sub-resource, query, headers, body. */
class S3ConnectionWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private S3Connection connection(SignatureVersion version) {
        return new S3Connection(S3ClientConfig.builder().credentials("AKIDEXAMPLE", "secret/EXAMPLE/key")
                .endpoint("http://127.0.0.1:" + wm.getPort()).signatureVersion(version)
                .retryBaseDelay(Duration.ofMillis(1)).build());
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> all = wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private void answer(int status, String body) {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void getBucketLoggingSendsGetWithLoggingSubResource() {
        String doc = "<BucketLoggingStatus xmlns=\"http://doc.s3.amazonaws.com/2006-03-01\"><LoggingEnabled>"
                + "<TargetBucket>logs</TargetBucket><TargetPrefix>p/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>";
        wm.stubFor(get(urlEqualTo("/my-bucket/?logging")).willReturn(aResponse().withBody(doc)));

        assertThat(connection(SignatureVersion.V4).getBucketLogging("my-bucket")).isEqualTo(doc);
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("GET");
        assertThat(r.getUrl()).isEqualTo("/my-bucket/?logging");
        assertThat(r.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
    }

    @Test
    void putBucketLoggingSendsTheDocumentSigned() {
        wm.stubFor(put(urlEqualTo("/my-bucket/?logging")).willReturn(aResponse().withStatus(200)));
        String doc = "<BucketLoggingStatus xmlns=\"http://doc.s3.amazonaws.com/2006-03-01\"/>";

        connection(SignatureVersion.V2).putBucketLogging("my-bucket", doc);
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("PUT");
        assertThat(r.getBodyAsString()).isEqualTo(doc);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/xml");
        assertThat(r.getHeader("Content-MD5")).isNotBlank();
        assertThat(r.getHeader("Authorization")).startsWith("AWS AKIDEXAMPLE:");
        assertThat(r.getHeader("Date")).endsWith("GMT");
    }

    @Test
    void putSendsMetadataLengthAndPayloadHash() {
        answer(200, "");
        connection(SignatureVersion.V4).put("my-bucket", "a b/c+d.txt", RequestBody.ofString("data"), "text/plain",
                Map.of("Owner", "me", "tags", List.of("x", "y")));
        LoggedRequest r = onlyRequest();
        assertThat(r.getUrl()).isEqualTo("/my-bucket/a%20b/c%2Bd.txt");
        assertThat(r.getHeader("Content-Length")).isEqualTo("4");
        assertThat(r.getHeader("Content-Type")).isEqualTo("text/plain");
        assertThat(r.getHeader("x-amz-meta-Owner")).isEqualTo("me");
        assertThat(r.getHeader("x-amz-meta-tags")).isEqualTo("x,y");
        assertThat(r.getHeader("x-amz-content-sha256"))
                .isEqualTo("3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7");
    }

    @Test
    void createBucketWithLocationSendsConfiguration() {
        answer(200, "");
        connection(SignatureVersion.V4).createBucket("my-bucket", "eu-west-1");
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("PUT");
        assertThat(r.getUrl()).isEqualTo("/my-bucket/");
        assertThat(r.getBodyAsString()).contains("<LocationConstraint>eu-west-1</LocationConstraint>");
    }

    @Test
    void listBucketSendsListingParameters() {
        answer(200, "<ListBucketResult><Name>my-bucket</Name><IsTruncated>false</IsTruncated></ListBucketResult>");
        connection(SignatureVersion.V2).listBucket("my-bucket", "in/", "in/a", 50, "/");
        LoggedRequest r = onlyRequest();
        assertThat(r.getUrl()).isEqualTo("/my-bucket/?prefix=in%2F&marker=in%2Fa&max-keys=50&delimiter=%2F&encoding-type=url");
        assertThat(r.getHeader("Authorization")).startsWith("AWS AKIDEXAMPLE:");
    }

    @Test
    void everyClassicOperationUsesItsMethodAndPath() {
        answer(200, "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>");
        S3Connection s3 = connection(SignatureVersion.V4);
        record Call(String method, String url, Runnable call) {
        }
        List<Call> calls = List.of(
                new Call("GET", "/b-1/k", () -> s3.get("b-1", "k").close()),
                new Call("HEAD", "/b-1/k", () -> s3.head("b-1", "k")),
                new Call("GET", "/b-1/k?acl", () -> s3.getAcl("b-1", "k")),
                new Call("PUT", "/b-1/k?acl", () -> s3.putAcl("b-1", "k", "<AccessControlPolicy/>")),
                new Call("DELETE", "/b-1/k", () -> s3.delete("b-1", "k")),
                new Call("PUT", "/b-1/", () -> s3.createBucket("b-1")),
                new Call("GET", "/b-1/?acl", () -> s3.getBucketAcl("b-1")),
                new Call("PUT", "/b-1/?acl", () -> s3.putBucketAcl("b-1", "<AccessControlPolicy/>")),
                new Call("DELETE", "/b-1/", () -> s3.deleteBucket("b-1")),
                new Call("GET", "/", () -> s3.listAllMyBuckets()));
        for (Call c : calls) {
            wm.resetRequests();
            c.call().run();
            LoggedRequest r = onlyRequest();
            assertThat(r.getMethod().getName()).as(c.url()).isEqualTo(c.method());
            assertThat(r.getUrl()).as(c.method()).isEqualTo(c.url());
        }
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        wm.stubFor(get(urlEqualTo("/b-1/k")).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"))
                .willSetStateTo("second"));
        wm.stubFor(get(urlEqualTo("/b-1/k")).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("third"));
        wm.stubFor(get(urlEqualTo("/b-1/k")).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withBody("ok")));

        try (S3Response r = connection(SignatureVersion.V4).get("b-1", "k")) {
            assertThat(r.body().asString()).isEqualTo("ok");
        }
        assertThat(wm.getAllServeEvents()).hasSize(3);
    }

    @Test
    void errorDocumentBecomesException() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withHeader("x-amz-request-id", "REQ1")
                .withBody("<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>"
                        + "<BucketName>b-1</BucketName><RequestId>REQ2</RequestId></Error>")));
        assertThatThrownBy(() -> connection(SignatureVersion.V4).listBucket("b-1", null, null, null, null))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getErrorCode()).isEqualTo("NoSuchBucket");
                    assertThat(e.getRequestId()).isEqualTo("REQ2");
                    assertThat(e.getResource()).isEqualTo("/b-1/");
                    assertThat(e.getMessage()).contains("The specified bucket does not exist");
                });
    }

    @Test
    void headerInjectionIsRefusedBeforeSending() {
        S3Connection s3 = connection(SignatureVersion.V4);
        assertThatThrownBy(() -> s3.put("b-1", "k", RequestBody.ofString("x"), "text/plain\r\nX-Evil: 1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> s3.put("b-1", "k", RequestBody.ofString("x"), null, Map.of("a", "b\nc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> s3.put("b-1", "k", RequestBody.ofString("x"), null, Map.of("a", "naïve")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("US-ASCII");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void invalidNamesFailBeforeSending() {
        S3Connection s3 = connection(SignatureVersion.V4);
        assertThatThrownBy(() -> s3.get("a", "k")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> s3.get("bad bucket", "k")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad bucket'");
        assertThatThrownBy(() -> s3.get("b-1", "")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> s3.get("b-1", "x".repeat(1025))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1025 bytes");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
