package dev.s3legacy.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
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
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers s3proxy cannot give: a part that fails once; a Complete that fails (503, 200 with an error document,
 * a reset), is retried, meets NoSuchUpload after a lost answer, or fails for good.
 */
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

    private static final String COMPLETE = PATH + "?uploadId=up-1";
    private static final String COMPLETED = "<CompleteMultipartUploadResult><Bucket>mp-bucket</Bucket><Key>obj.bin</Key>"
            + "<ETag>\"abc-3\"</ETag></CompleteMultipartUploadResult>";
    private static final String INTERNAL_ERROR =
            "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>";
    private static final String NO_SUCH_UPLOAD =
            "<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>";
    /** What the parts answer in the tests that HEAD the object: a real MD5, as S3 gives for a part. */
    private static final String PART_ETAG = "0cc175b9c0f1b6a831c399e269772661";

    /** Complete answers {@code first}, then {@code then} for every later try. */
    private static void completeAnswers(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        wm.stubFor(post(urlEqualTo(COMPLETE)).inScenario("complete").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("answered once").willReturn(first));
        wm.stubFor(post(urlEqualTo(COMPLETE)).inScenario("complete").whenScenarioStateIs("answered once").willReturn(then));
    }

    /** The three parts answer PART_ETAG; HEAD shows an object of 3000 bytes with the given ETag. */
    private static void headShows(String etag) {
        headShows(etag, 3000);
    }

    private static void headShows(String etag, long length) {
        wm.stubFor(put(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withHeader("ETag", "\"" + PART_ETAG + "\"")));
        wm.stubFor(head(urlEqualTo(PATH)).willReturn(aResponse().withHeader("ETag", "\"" + etag + "\"")
                .withHeader("Content-Length", Long.toString(length))));
    }

    /** S3's ETag of an object completed from our three parts: hex MD5 of their binary MD5s, then -3. */
    private static String expectedMultipartETag() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (int i = 0; i < 3; i++) {
            md5.update(HexFormat.of().parseHex(PART_ETAG));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-3";
    }

    @Test
    void aCompleteAnswering503ThenOkIsRetriedWithoutAbort() throws Exception {
        completeAnswers(aResponse().withStatus(503).withBody("<Error><Code>ServiceUnavailable</Code></Error>"),
                aResponse().withBody(COMPLETED));

        assertThat(uploader().upload("mp-bucket", "obj.bin", body(true), null, null, null).getETag()).isEqualTo("abc-3");

        wm.verify(1, postRequestedFor(urlEqualTo(PATH + "?uploads"))); // one upload
        wm.verify(2, postRequestedFor(urlEqualTo(COMPLETE)));
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(PATH)));
        assertSpoolIsEmpty();
    }

    @Test
    void aCompleteAnswering200WithInternalErrorThenOkIsRetriedWithoutAbort() throws Exception {
        completeAnswers(aResponse().withStatus(200).withBody(INTERNAL_ERROR), aResponse().withBody(COMPLETED));

        assertThat(uploader().uploadAsync("mp-bucket", "obj.bin", body(false), null, null, null).join().getETag())
                .isEqualTo("abc-3");

        wm.verify(2, postRequestedFor(urlEqualTo(COMPLETE)));
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(COMPLETE))))
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("<PartNumber>3</PartNumber>")); // the same list again
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(PATH)));
        assertSpoolIsEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRetriedCompleteMeetingNoSuchUploadSucceedsWhenHeadShowsTheCompletedObject(boolean connectionReset) throws Exception {
        // the first Complete did its work, but its answer was lost: the retry finds the upload gone
        completeAnswers(connectionReset ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                        : aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"),
                aResponse().withStatus(404).withBody(NO_SUCH_UPLOAD));
        headShows(expectedMultipartETag());

        assertThat(uploader().upload("mp-bucket", "obj.bin", body(true), null, null, null).getETag())
                .isEqualTo(expectedMultipartETag());

        wm.verify(2, postRequestedFor(urlEqualTo(COMPLETE)));
        wm.verify(1, headRequestedFor(urlEqualTo(PATH)));
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(PATH)));
        assertSpoolIsEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRetriedCompleteMeetingNoSuchUploadFailsWhenHeadShowsAnotherObject(boolean otherLength) throws Exception {
        completeAnswers(aResponse().withStatus(503), aResponse().withStatus(404).withBody(NO_SUCH_UPLOAD));
        if (otherLength) {
            headShows(expectedMultipartETag(), 2999);
        } else {
            headShows("d41d8cd98f00b204e9800998ecf8427e-3"); // someone else's object of three parts
        }

        assertThatThrownBy(() -> uploader().upload("mp-bucket", "obj.bin", body(true), null, null, null))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchUpload"));

        wm.verify(1, headRequestedFor(urlEqualTo(PATH)));
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(PATH))); // the upload is gone: nothing to abort
        assertSpoolIsEmpty();
    }

    @Test
    void aCompleteStillFailingAfterAllRetriesAbortsOnlyOnceHeadShowsNoObject() throws Exception {
        // was aCompleteAnswering200WithAnErrorDocumentAborts: Complete is retried now, and the object checked first
        wm.stubFor(post(urlEqualTo(COMPLETE)).willReturn(aResponse().withStatus(200).withBody(INTERNAL_ERROR)));
        wm.stubFor(head(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> uploader().uploadAsync("mp-bucket", "obj.bin", body(true), null, null, null).join())
                .cause().isInstanceOfSatisfying(S3LegacyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(200);
                    assertThat(e.getErrorCode()).isEqualTo("InternalError");
                });
        wm.verify(1 + s3.config().maxRetries(), postRequestedFor(urlEqualTo(COMPLETE)));
        wm.verify(1, headRequestedFor(urlEqualTo(PATH)));
        wm.verify(1, deleteRequestedFor(urlEqualTo(COMPLETE)));
        assertSpoolIsEmpty();
    }

    @Test
    void aCompleteStillFailingAfterAllRetriesIsNotAbortedWhenHeadShowsTheCompletedObject() throws Exception {
        wm.stubFor(post(urlEqualTo(COMPLETE)).willReturn(aResponse().withStatus(503)));
        headShows(expectedMultipartETag());

        assertThat(uploader().upload("mp-bucket", "obj.bin", body(false), null, null, null).getETag())
                .isEqualTo(expectedMultipartETag());

        wm.verify(1 + s3.config().maxRetries(), postRequestedFor(urlEqualTo(COMPLETE)));
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aCompleteRefusedOutrightAbortsWithoutLookingForTheObject() throws Exception {
        wm.stubFor(post(urlEqualTo(COMPLETE)).willReturn(aResponse().withStatus(400)
                .withBody("<Error><Code>InvalidPart</Code></Error>")));

        assertThatThrownBy(() -> uploader().upload("mp-bucket", "obj.bin", body(true), null, null, null))
                .isInstanceOfSatisfying(S3LegacyException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidPart"));
        wm.verify(1, postRequestedFor(urlEqualTo(COMPLETE)));
        wm.verify(0, headRequestedFor(urlEqualTo(PATH)));
        wm.verify(1, deleteRequestedFor(urlEqualTo(COMPLETE)));
        assertSpoolIsEmpty();
    }

    private void assertSpoolIsEmpty() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }
}
