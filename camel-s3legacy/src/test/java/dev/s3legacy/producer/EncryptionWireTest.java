package dev.s3legacy.producer;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.Headers;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.signing.SignerV2;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encryption, storage class and content headers as they go on the wire, for put, multipart upload, copy, get
 * (also ranged), head and pre-signed URLs, and as they come back onto the message.
 */
class EncryptionWireTest extends CamelTestSupport {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** 32 bytes, base64: an AES-256 key. */
    static final byte[] KEY_BYTES = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    static final String KEY = Base64.getEncoder().encodeToString(KEY_BYTES);
    static final String KEY_MD5 = md5Base64(KEY_BYTES);
    static final String SSE_C = "x-amz-server-side-encryption-customer-";
    static final String COPY_SSE_C = "x-amz-copy-source-server-side-encryption-customer-";

    static String md5Base64(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"0123456789abcdef0123456789abcdef\"")));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
            }
        };
    }

    private static String uri(SignatureVersion v, String options) {
        return "s3legacy:enc-bucket?endpoint=http://127.0.0.1:" + wm.getPort()
                + "&accessKey=AKIDEXAMPLE&secretKey=RAW(secret/EXAMPLE/key)&maxRetries=0&signatureVersion=" + v
                + (options.isEmpty() ? "" : "&" + options);
    }

    private static String sseC(SignatureVersion v, String options) {
        return uri(v, "customerKey=RAW(" + KEY + ")" + (options.isEmpty() ? "" : "&" + options));
    }

    private static List<LoggedRequest> requests() {
        List<LoggedRequest> all = new java.util.ArrayList<>(wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
        java.util.Collections.reverse(all); // WireMock lists the latest first
        return all;
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = requests();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** The three SSE-C headers with the key and its MD5 (computed here, independently), and signed (V4). */
    private static void assertCustomerKey(LoggedRequest r, String prefix, SignatureVersion v) {
        assertThat(r.getHeader(prefix + "algorithm")).as(r.getUrl()).isEqualTo("AES256");
        assertThat(r.getHeader(prefix + "key")).as(r.getUrl()).isEqualTo(KEY);
        assertThat(r.getHeader(prefix + "key-MD5")).as(r.getUrl()).isEqualTo(KEY_MD5);
        if (v == SignatureVersion.V4) {
            assertThat(r.getHeader("Authorization")).contains(prefix + "algorithm;" + prefix + "key;" + prefix + "key-md5");
        }
    }

    private static void assertNoCustomerKey(LoggedRequest r) {
        assertThat(r.getAllHeaderKeys()).as(r.getUrl()).noneMatch(h -> h.toLowerCase().contains("customer"));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void putSendsSseCAndTheContentHeadersOfTheMessage(SignatureVersion v) {
        Exchange e = template.send(sseC(v, "storageClass=STANDARD_IA"), x -> {
            x.getMessage().setBody("data");
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k.txt");
            x.getMessage().setHeader(S3LegacyConstants.CONTENT_DISPOSITION, "attachment; filename=\"k.txt\"");
            x.getMessage().setHeader(S3LegacyConstants.CONTENT_ENCODING, "identity");
            x.getMessage().setHeader(S3LegacyConstants.CACHE_CONTROL, "max-age=60");
            // ignored with customerKey: S3 takes one kind of encryption per object
            x.getMessage().setHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION, "AES256");
        });
        assertThat(e.getException()).isNull();
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("PUT");
        assertCustomerKey(r, SSE_C, v);
        assertThat(r.getHeader("x-amz-server-side-encryption")).isNull();
        assertThat(r.getHeader("x-amz-storage-class")).isEqualTo("STANDARD_IA");
        assertThat(r.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"k.txt\"");
        assertThat(r.getHeader("Content-Encoding")).isEqualTo("identity");
        assertThat(r.getHeader("Cache-Control")).isEqualTo("max-age=60");
        assertThat(r.getBodyAsString()).isEqualTo("data");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void putSendsSseKmsWithItsKeyAndTheHeadersOverrideTheOptions(SignatureVersion v) {
        wm.stubFor(put(urlEqualTo("/enc-bucket/k")).willReturn(aResponse().withHeader("ETag", "\"e\"")
                .withHeader("x-amz-server-side-encryption", "aws:kms").withHeader("x-amz-version-id", "v-1")));
        String endpoint = uri(v, "serverSideEncryption=aws:kms&kmsKeyId=alias/archive&storageClass=GLACIER_IR");
        Exchange e = template.send(endpoint, x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "k"));
        assertThat(e.getException()).isNull();
        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(r.getHeader("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo("alias/archive");
        assertThat(r.getHeader("x-amz-storage-class")).isEqualTo("GLACIER_IR");
        assertNoCustomerKey(r);
        if (v == SignatureVersion.V4) {
            assertThat(r.getHeader("Authorization")).contains("x-amz-server-side-encryption;x-amz-server-side-encryption-aws-kms-key-id")
                    .contains("x-amz-storage-class");
        }
        assertThat(e.getMessage().getHeader(S3LegacyConstants.VERSION_ID)).isEqualTo("v-1");
        assertThat(e.getMessage().getHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION)).isEqualTo("aws:kms");

        // headers win; AES256 takes no KMS key
        wm.resetRequests();
        Exchange overridden = template.send(endpoint, x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k");
            x.getMessage().setHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION, "AES256");
            x.getMessage().setHeader(S3LegacyConstants.STORAGE_CLASS, "ONEZONE_IA");
        });
        assertThat(overridden.getException()).isNull();
        r = onlyRequest();
        assertThat(r.getHeader("x-amz-server-side-encryption")).isEqualTo("AES256");
        assertThat(r.getHeader("x-amz-server-side-encryption-aws-kms-key-id")).isNull();
        assertThat(r.getHeader("x-amz-storage-class")).isEqualTo("ONEZONE_IA");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void multipartSendsSseCOnInitiateEveryPartAndCompleteAndTheWriteOptionsOnInitiateOnly(SignatureVersion v) {
        wm.stubFor(post(urlEqualTo("/enc-bucket/big?uploads")).willReturn(aResponse().withBody(
                "<InitiateMultipartUploadResult><Bucket>enc-bucket</Bucket><Key>big</Key><UploadId>up-1</UploadId></InitiateMultipartUploadResult>")));
        wm.stubFor(post(urlEqualTo("/enc-bucket/big?uploadId=up-1")).willReturn(aResponse().withBody(
                "<CompleteMultipartUploadResult><Bucket>enc-bucket</Bucket><Key>big</Key><ETag>\"abc-1\"</ETag></CompleteMultipartUploadResult>")));
        // above multipartThreshold: a multipart upload of one part
        Exchange e = template.send(sseC(v, "multipartThreshold=1&storageClass=STANDARD_IA"), x -> {
            x.getMessage().setBody("multipart data");
            x.getMessage().setHeader(S3LegacyConstants.KEY, "big");
            x.getMessage().setHeader(S3LegacyConstants.CACHE_CONTROL, "no-cache");
        });
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.E_TAG)).isEqualTo("abc-1");
        List<LoggedRequest> all = requests();
        assertThat(all).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "POST /enc-bucket/big?uploads", "PUT /enc-bucket/big?partNumber=1&uploadId=up-1", "POST /enc-bucket/big?uploadId=up-1");
        for (LoggedRequest r : all) {
            assertCustomerKey(r, SSE_C, v);
        }
        LoggedRequest initiate = all.get(0);
        assertThat(initiate.getHeader("x-amz-storage-class")).isEqualTo("STANDARD_IA");
        assertThat(initiate.getHeader("Cache-Control")).isEqualTo("no-cache");
        for (LoggedRequest r : all.subList(1, 3)) {
            assertThat(r.getHeader("x-amz-storage-class")).as("only the initiate says how to store").isNull();
            assertThat(r.getHeader("Cache-Control")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void copySendsTheTargetsOptionsAndTheSourcesCustomerKey(SignatureVersion v) {
        wm.stubFor(put(urlEqualTo("/enc-bucket/to")).willReturn(aResponse().withBody(
                "<CopyObjectResult><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>\"c\"</ETag></CopyObjectResult>")));
        Exchange e = template.send(sseC(v, "operation=copy&storageClass=GLACIER_IR"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "from");
            x.getMessage().setHeader(S3LegacyConstants.DESTINATION_KEY, "to");
            x.getMessage().setHeader(S3LegacyConstants.CONTENT_DISPOSITION, "inline");
        });
        assertThat(e.getException()).isNull();
        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("x-amz-copy-source")).isEqualTo("/enc-bucket/from");
        assertCustomerKey(r, SSE_C, v);
        assertCustomerKey(r, COPY_SSE_C, v);
        assertThat(r.getHeader("x-amz-storage-class")).isEqualTo("GLACIER_IR");
        assertThat(r.getHeader("Content-Disposition")).as("metadata kept (COPY): S3 would ignore it").isNull();

        // replacing the metadata: the content headers go too
        wm.resetRequests();
        template.send(sseC(v, "operation=copy"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "from");
            x.getMessage().setHeader(S3LegacyConstants.DESTINATION_KEY, "to");
            x.getMessage().setHeader(S3LegacyConstants.METADATA, Map.of("a", "b"));
            x.getMessage().setHeader(S3LegacyConstants.CONTENT_DISPOSITION, "inline");
        });
        r = onlyRequest();
        assertThat(r.getHeader("x-amz-metadata-directive")).isEqualTo("REPLACE");
        assertThat(r.getHeader("Content-Disposition")).isEqualTo("inline");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void getRangedGetAndHeadSendTheCustomerKeyAndSetTheObjectsHeaders(SignatureVersion v) {
        Map<String, String> served = new LinkedHashMap<>();
        served.put("x-amz-server-side-encryption-customer-algorithm", "AES256");
        served.put("x-amz-storage-class", "STANDARD_IA");
        served.put("Content-Disposition", "attachment");
        served.put("Content-Encoding", "identity");
        served.put("Cache-Control", "max-age=5");
        served.put("x-amz-version-id", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
        var response = aResponse().withBody("data").withHeader("ETag", "\"not-an-md5-under-sse-c\"");
        served.forEach(response::withHeader);
        wm.stubFor(get(urlPathEqualTo("/enc-bucket/k")).willReturn(response));
        wm.stubFor(head(urlPathEqualTo("/enc-bucket/k")).willReturn(aResponse().withHeader("x-amz-server-side-encryption", "aws:kms")
                .withHeader("x-amz-version-id", "v-2")));

        Exchange got = template.send(sseC(v, "operation=get"), x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "k"));
        assertThat(got.getException()).isNull();
        assertThat(got.getMessage().getBody(String.class)).isEqualTo("data");
        assertThat(got.getMessage().getHeader(S3LegacyConstants.STORAGE_CLASS)).isEqualTo("STANDARD_IA");
        assertThat(got.getMessage().getHeader(S3LegacyConstants.CONTENT_DISPOSITION)).isEqualTo("attachment");
        assertThat(got.getMessage().getHeader(S3LegacyConstants.CONTENT_ENCODING)).isEqualTo("identity");
        assertThat(got.getMessage().getHeader(S3LegacyConstants.CACHE_CONTROL)).isEqualTo("max-age=5");
        assertThat(got.getMessage().getHeader(S3LegacyConstants.VERSION_ID)).isEqualTo("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
        assertThat(got.getMessage().getHeader(S3LegacyConstants.BUCKET_NAME)).isEqualTo("enc-bucket");
        assertCustomerKey(onlyRequest(), SSE_C, v);

        wm.resetRequests();
        Exchange ranged = template.send(sseC(v, "operation=get"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k");
            x.getMessage().setHeader(S3LegacyConstants.RANGE, "bytes=0-1");
        });
        assertThat(ranged.getException()).isNull();
        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("Range")).isEqualTo("bytes=0-1");
        assertCustomerKey(r, SSE_C, v);

        wm.resetRequests();
        Exchange headed = template.send(sseC(v, "operation=head"), x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "k"));
        assertThat(headed.getException()).isNull();
        assertThat(headed.getMessage().getHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION)).isEqualTo("aws:kms");
        assertThat(headed.getMessage().getHeader(S3LegacyConstants.VERSION_ID)).isEqualTo("v-2");
        assertCustomerKey(onlyRequest(), SSE_C, v);

        // without customerKey nothing of it is sent
        wm.resetRequests();
        template.send(uri(v, "operation=get"), x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "k"));
        assertNoCustomerKey(onlyRequest());
    }

    @Test
    void aV4PresignedUrlSignsTheCustomerKeyHeadersWithoutCarryingTheKey() throws Exception {
        String url = template.requestBodyAndHeader(sseC(SignatureVersion.V4, "operation=get&presign=true"), null,
                S3LegacyConstants.KEY, "k", String.class);
        Map<String, String> query = query(url);
        assertThat(query.get("X-Amz-SignedHeaders")).isEqualTo("host;" + SSE_C + "algorithm;" + SSE_C + "key;" + SSE_C + "key-md5");
        assertThat(url).doesNotContain(KEY).doesNotContain(java.net.URLEncoder.encode(KEY, StandardCharsets.UTF_8));
        assertThat(wm.getAllServeEvents()).as("presigning sends nothing").isEmpty();

        String plain = template.requestBodyAndHeader(uri(SignatureVersion.V4, "operation=get&presign=true"), null,
                S3LegacyConstants.KEY, "k", String.class);
        assertThat(query(plain).get("X-Amz-SignedHeaders")).isEqualTo("host");
    }

    @Test
    void aV2PresignedUrlSignsTheCustomerKeyHeadersInItsStringToSign() throws Exception {
        String url = template.requestBodyAndHeader(sseC(SignatureVersion.V2, "operation=get&presign=true"), null,
                S3LegacyConstants.KEY, "k", String.class);
        Map<String, String> query = query(url);
        Headers signed = new Headers().add(SSE_C + "algorithm", "AES256").add(SSE_C + "key", KEY).add(SSE_C + "key-MD5", KEY_MD5);
        String expected = SignerV2.sign("secret/EXAMPLE/key", SignerV2.stringToSign("GET", signed, query.get("Expires"),
                SignerV2.canonicalResource("/enc-bucket/k", Map.of())));
        assertThat(query.get("Signature")).isEqualTo(expected);
        String unsigned = SignerV2.sign("secret/EXAMPLE/key", SignerV2.stringToSign("GET", new Headers(), query.get("Expires"),
                SignerV2.canonicalResource("/enc-bucket/k", Map.of())));
        assertThat(query.get("Signature")).as("the headers are part of the signature").isNotEqualTo(unsigned);
        assertThat(url).doesNotContain(KEY);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? null : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void badHeaderValuesFailBeforeAnythingIsSentNamingTheHeader() {
        Exchange badSse = template.send(uri(SignatureVersion.V4, ""), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k");
            x.getMessage().setHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION, "aws:kmz");
        });
        assertThat(badSse.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(S3LegacyConstants.SERVER_SIDE_ENCRYPTION).hasMessageContaining("aws:kmz");
        Exchange badClass = template.send(uri(SignatureVersion.V4, ""), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k");
            x.getMessage().setHeader(S3LegacyConstants.STORAGE_CLASS, "GLACIER IR");
        });
        assertThat(badClass.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(S3LegacyConstants.STORAGE_CLASS).hasMessageContaining("GLACIER IR");
        Exchange injected = template.send(uri(SignatureVersion.V4, ""), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "k");
            x.getMessage().setHeader(S3LegacyConstants.CACHE_CONTROL, "max-age=1\r\nx-amz-acl: public-read");
        });
        assertThat(injected.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
