package dev.s3legacy.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.s3legacy.test.GeneratedStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answers s3proxy cannot give: a part that fails once, a complete that answers 200 with an error document. */
class MultipartUploaderWireTest {

    private static final String PATH = "/mp-bucket/obj.bin";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path tmp;
    Path spool;

    private S3Connection s3;

    @BeforeEach
    void stubInitiateAndParts() throws IOException {
        spool = Files.createDirectory(tmp.resolve("spool"));
        s3 = new S3Connection(S3ClientConfig.builder().credentials("AKIDEXAMPLE", "secret/EXAMPLE/key")
                .endpoint("http://127.0.0.1:" + wm.getPort()).spoolDirectory(spool)
                .retryBaseDelay(Duration.ofMillis(1)).build());
        wm.stubFor(post(urlEqualTo(PATH + "?uploads")).willReturn(aResponse().withBody(
                "<InitiateMultipartUploadResult><Bucket>mp-bucket</Bucket><Key>obj.bin</Key>"
                        + "<UploadId>up-1</UploadId></InitiateMultipartUploadResult>")));
        wm.stubFor(put(urlPathEqualTo(PATH)).atPriority(5).willReturn(aResponse().withHeader("ETag", "\"etag-ok\"")));
        wm.stubFor(delete(urlEqualTo(PATH + "?uploadId=up-1")).willReturn(aResponse().withStatus(204)));
    }

    private MultipartUploader uploader() {
        // 1 KiB parts: a stub does not mind S3's 5 MiB minimum
        return new MultipartUploader(s3, 1024, 2, s3::executeAsync);
    }

    private RequestBody body(boolean fromStream) throws IOException {
        if (fromStream) {
            return RequestBody.ofStream(new GeneratedStream(3000, 7), -1);
        }
        Path file = Files.write(tmp.resolve("src.bin"), new GeneratedStream(3000, 7).readAllBytes());
        return RequestBody.ofFile(file);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aPartFailingOnceIsRetriedByTheConnection(boolean fromStream) throws Exception {
        wm.stubFor(put(urlPathEqualTo(PATH)).withQueryParam("partNumber", equalTo("2")).atPriority(1)
                .inScenario("part 2").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>")));
        wm.stubFor(post(urlEqualTo(PATH + "?uploadId=up-1")).willReturn(aResponse().withBody(
                "<CompleteMultipartUploadResult><Bucket>mp-bucket</Bucket><Key>obj.bin</Key>"
                        + "<ETag>\"abc-3\"</ETag></CompleteMultipartUploadResult>")));

        assertThat(uploader().upload("mp-bucket", "obj.bin", body(fromStream), null, null, null).getETag()).isEqualTo("abc-3");

        wm.verify(2, putRequestedFor(urlEqualTo(PATH + "?partNumber=2&uploadId=up-1")));
        assertThat(wm.findAll(putRequestedFor(urlEqualTo(PATH + "?partNumber=2&uploadId=up-1"))))
                .allSatisfy(r -> assertThat(r.getBody()).hasSize(1024)); // the same slice, sent again
        wm.verify(1, putRequestedFor(urlEqualTo(PATH + "?partNumber=3&uploadId=up-1")));
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH + "?uploadId=up-1"))).get(0).getBodyAsString())
                .contains("<PartNumber>1</PartNumber><ETag>\"etag-ok\"</ETag>", "<PartNumber>3</PartNumber>");
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(PATH)));
        assertSpoolIsEmpty();
    }

    @Test
    void aCompleteAnswering200WithAnErrorDocumentAborts() throws Exception {
        wm.stubFor(post(urlEqualTo(PATH + "?uploadId=up-1")).willReturn(aResponse().withStatus(200).withBody(
                "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>")));

        assertThatThrownBy(() -> uploader().uploadAsync("mp-bucket", "obj.bin", body(true), null, null, null).join())
                .cause().isInstanceOfSatisfying(S3LegacyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(200);
                    assertThat(e.getErrorCode()).isEqualTo("InternalError");
                });
        wm.verify(1, postRequestedFor(urlEqualTo(PATH + "?uploadId=up-1"))); // POST is not retried
        wm.verify(1, deleteRequestedFor(urlEqualTo(PATH + "?uploadId=up-1")));
        assertSpoolIsEmpty();
    }

    private void assertSpoolIsEmpty() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }
}
