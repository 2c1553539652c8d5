package dev.s3legacy.client.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.s3legacy.client.Headers;

/**
 * Known answers from the S3 API reference, "Signature Calculations for the Authorization Header:
 * Transferring Payload in a Single Chunk (AWS Signature Version 4)" (examplebucket, 20130524T000000Z,
 * us-east-1) and "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)". The
 * canonical requests, strings to sign and signatures below are the pages' own.
 */
class SignerV4Test {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String HOST = "examplebucket.s3.amazonaws.com";
    static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String AMZ_DATE = "20130524T000000Z";
    static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
    static final String CREDENTIAL = "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final byte[] EXAMPLE_KEY = SignerV4.signingKey(SECRET_KEY, "20130524", "us-east-1", "s3");

    private static Map<String, String> query(String... nameValues) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            q.put(nameValues[i], nameValues[i + 1]);
        }
        return q;
    }

    private static WireRequest request(String method, String rawPath, Map<String, String> query,
                                          Headers headers, String payloadHash) {
        return new WireRequest(method, "https", HOST, rawPath, "/examplebucket" + rawPath, query, headers, payloadHash);
    }

    /** Checks the page's intermediate values step by step with the pure functions. */
    private static void assertSteps(WireRequest signed, String canonicalRequest, String stringToSign,
                                    String signature) {
        Headers h = signed.headers();
        String actualCanonical = SignerV4.canonicalRequest(signed.method(), signed.rawPath(),
                SignerV4.canonicalQueryString(signed.query()), h, SignerV4.signedHeaderNames(h),
                h.first("x-amz-content-sha256"));
        assertThat(actualCanonical).isEqualTo(canonicalRequest);
        assertThat(SignerV4.stringToSign(AMZ_DATE, SignerV4.scope("20130524", "us-east-1", "s3"), actualCanonical))
                .isEqualTo(stringToSign);
        assertThat(SignerV4.signature(EXAMPLE_KEY, stringToSign)).isEqualTo(signature);
    }

    @Test
    void getObjectWithRangeMatchesPublishedExample() {
        WireRequest r = request("GET", "/test.txt", Map.of(), new Headers().add("Range", "bytes=0-9"), EMPTY);

        r = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1").sign(r, EXAMPLE_TIME).applyTo(r);

        assertThat(r.headers().first("Host")).isEqualTo(HOST);
        assertThat(r.headers().first("x-amz-date")).isEqualTo(AMZ_DATE);
        assertThat(r.headers().first("x-amz-content-sha256")).isEqualTo(EMPTY);
        assertThat(r.headers().first("Authorization")).isEqualTo("AWS4-HMAC-SHA256 " + CREDENTIAL
                + ", SignedHeaders=host;range;x-amz-content-sha256;x-amz-date"
                + ", Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertSteps(r,
                "GET\n"
                        + "/test.txt\n"
                        + "\n"
                        + "host:examplebucket.s3.amazonaws.com\n"
                        + "range:bytes=0-9\n"
                        + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                        + "x-amz-date:20130524T000000Z\n"
                        + "\n"
                        + "host;range;x-amz-content-sha256;x-amz-date\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "AWS4-HMAC-SHA256\n20130524T000000Z\n" + SCOPE + "\n"
                        + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
                "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectWithPayloadMatchesPublishedExample() {
        String payloadHash = SignerV4.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8));
        assertThat(payloadHash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        Headers headers = new Headers()
                .add("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .add("x-amz-storage-class", "REDUCED_REDUNDANCY");
        // The key "test$file.text" as sent on the wire.
        WireRequest r = request("PUT", "/" + SignerV4.uriEncode("test$file.text", false), Map.of(), headers,
                payloadHash);

        r = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1").sign(r, EXAMPLE_TIME).applyTo(r);

        assertThat(r.headers().first("Authorization")).isEqualTo("AWS4-HMAC-SHA256 " + CREDENTIAL
                + ", SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class"
                + ", Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
        assertSteps(r,
                "PUT\n"
                        + "/test%24file.text\n"
                        + "\n"
                        + "date:Fri, 24 May 2013 00:00:00 GMT\n"
                        + "host:examplebucket.s3.amazonaws.com\n"
                        + "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
                        + "x-amz-date:20130524T000000Z\n"
                        + "x-amz-storage-class:REDUCED_REDUNDANCY\n"
                        + "\n"
                        + "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
                        + "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                "AWS4-HMAC-SHA256\n20130524T000000Z\n" + SCOPE + "\n"
                        + "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
                "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void getBucketLifecycleSignsTheValuelessParameterAsNameEquals() {
        WireRequest r = request("GET", "/", query("lifecycle", null), new Headers(), EMPTY);

        r = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1").sign(r, EXAMPLE_TIME).applyTo(r);

        assertThat(r.headers().first("Authorization")).isEqualTo("AWS4-HMAC-SHA256 " + CREDENTIAL
                + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date"
                + ", Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
        assertSteps(r,
                "GET\n"
                        + "/\n"
                        + "lifecycle=\n"
                        + "host:examplebucket.s3.amazonaws.com\n"
                        + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                        + "x-amz-date:20130524T000000Z\n"
                        + "\n"
                        + "host;x-amz-content-sha256;x-amz-date\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "AWS4-HMAC-SHA256\n20130524T000000Z\n" + SCOPE + "\n"
                        + "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
                "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    }

    @Test
    void listObjectsSortsTheQuery() {
        // Given out of order on purpose: the canonical query sorts.
        WireRequest r = request("GET", "/", query("prefix", "J", "max-keys", "2"), new Headers(), EMPTY);

        r = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1").sign(r, EXAMPLE_TIME).applyTo(r);

        assertThat(r.headers().first("Authorization")).isEqualTo("AWS4-HMAC-SHA256 " + CREDENTIAL
                + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date"
                + ", Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
        assertSteps(r,
                "GET\n"
                        + "/\n"
                        + "max-keys=2&prefix=J\n"
                        + "host:examplebucket.s3.amazonaws.com\n"
                        + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                        + "x-amz-date:20130524T000000Z\n"
                        + "\n"
                        + "host;x-amz-content-sha256;x-amz-date\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "AWS4-HMAC-SHA256\n20130524T000000Z\n" + SCOPE + "\n"
                        + "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
                "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void presignedGetMatchesPublishedExample() {
        WireRequest r = request("GET", "/test.txt", Map.of(), new Headers(), null);

        r = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1")
                .presign(r, EXAMPLE_TIME, EXAMPLE_TIME.plusSeconds(86400)).applyTo(r);

        assertThat(r.query()).containsExactly(
                Map.entry("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
                Map.entry("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/" + SCOPE),
                Map.entry("X-Amz-Date", AMZ_DATE),
                Map.entry("X-Amz-Expires", "86400"),
                Map.entry("X-Amz-SignedHeaders", "host"),
                Map.entry("X-Amz-Signature", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"));
        // Pre-signing adds query parameters only.
        assertThat(r.headers().isEmpty()).isTrue();

        Map<String, String> unsigned = new LinkedHashMap<>(r.query());
        unsigned.remove("X-Amz-Signature");
        String canonical = SignerV4.canonicalRequest("GET", "/test.txt", SignerV4.canonicalQueryString(unsigned),
                new Headers().add("Host", HOST), List.of("host"), SignerV4.UNSIGNED_PAYLOAD);
        assertThat(canonical).isEqualTo("GET\n"
                + "/test.txt\n"
                + "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\n"
                + "host:examplebucket.s3.amazonaws.com\n"
                + "\n"
                + "host\n"
                + "UNSIGNED-PAYLOAD");
        String sts = SignerV4.stringToSign(AMZ_DATE, SCOPE, canonical);
        assertThat(sts).isEqualTo("AWS4-HMAC-SHA256\n20130524T000000Z\n" + SCOPE + "\n"
                + "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
        assertThat(SignerV4.signature(EXAMPLE_KEY, sts))
                .isEqualTo("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    @Test
    void presignSignsContentTypeAndAmzHeadersPresent() {
        Headers headers = new Headers()
                .add("Content-Type", "text/plain")
                .add("x-amz-acl", "private")
                .add("User-Agent", "not-signed");
        WireRequest r = request("PUT", "/k", Map.of(), headers, null);

        r = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1").presign(r, EXAMPLE_TIME, EXAMPLE_TIME.plusSeconds(60)).applyTo(r);

        assertThat(r.query().get("X-Amz-SignedHeaders")).isEqualTo("content-type;host;x-amz-acl");
        assertThat(r.query().get("X-Amz-Expires")).isEqualTo("60");
    }

    @Test
    void presignRejectsExpiryOutsideOneSecondToSevenDays() {
        V4RequestSigner signer = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1");

        assertThatThrownBy(() -> signer.presign(request("GET", "/k", Map.of(), new Headers(), null),
                EXAMPLE_TIME, EXAMPLE_TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
        assertThatThrownBy(() -> signer.presign(request("GET", "/k", Map.of(), new Headers(), null),
                EXAMPLE_TIME, EXAMPLE_TIME.plusSeconds(604801)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 604801")
                .message().doesNotContain(SECRET_KEY);

        WireRequest sevenDays = request("GET", "/k", Map.of(), new Headers(), null);
        sevenDays = signer.presign(sevenDays, EXAMPLE_TIME, EXAMPLE_TIME.plusSeconds(604800)).applyTo(sevenDays);
        assertThat(sevenDays.query().get("X-Amz-Expires")).isEqualTo("604800");
    }

    @Test
    void signDefaultsToUnsignedPayloadAndKeepsAGivenHost() {
        WireRequest r = new WireRequest("GET", "http", "s3.example.test:9000", "/b/k", "/b/k", Map.of(),
                new Headers().add("host", "given.example"), null);

        r = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "eu-west-1").sign(r, EXAMPLE_TIME).applyTo(r);

        assertThat(r.headers().first("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(r.headers().all("Host")).containsExactly("given.example");
        assertThat(r.headers().first("Authorization"))
                .contains("Credential=AKIAIOSFODNN7EXAMPLE/20130524/eu-west-1/s3/aws4_request,");
    }

    @Test
    void uriEncodeFollowsAwsRules() {
        // Space, $, non-ASCII (é = C3 A9, 😀 = F0 9F 98 80) encoded; '/' kept in paths.
        assertThat(SignerV4.uriEncode("photos/my file$1 é😀.jpg", false))
                .isEqualTo("photos/my%20file%241%20%C3%A9%F0%9F%98%80.jpg");
        assertThat(SignerV4.uriEncode("a/b", true)).isEqualTo("a%2Fb");
        assertThat(SignerV4.uriEncode("AZaz09-._~", true)).isEqualTo("AZaz09-._~");
        assertThat(SignerV4.uriEncode("+*=&%", true)).isEqualTo("%2B%2A%3D%26%25");
    }

    @Test
    void canonicalQueryEncodesAndSortsByEncodedName() {
        assertThat(SignerV4.canonicalQueryString(query(
                "uploads", null, "prefix", "a b/c", "delimiter", "/", "Zed", "1")))
                .isEqualTo("Zed=1&delimiter=%2F&prefix=a%20b%2Fc&uploads=");
    }

    @Test
    void signedHeadersPolicyPicksHostContentAndAmzHeaders() {
        Headers headers = new Headers()
                .add("User-Agent", "x").add("Content-Length", "3").add("Expect", "100-continue")
                .add("Host", "h").add("Content-MD5", "m").add("Content-Type", "t").add("Range", "r")
                .add("Date", "d").add("X-Amz-Meta-Z", "1").add("x-amz-acl", "private");

        assertThat(SignerV4.signedHeaders(headers))
                .isEqualTo("content-md5;content-type;date;host;range;x-amz-acl;x-amz-meta-z");
    }

    @Test
    void canonicalHeaderValuesAreTrimmedFoldedAndJoined() {
        Headers headers = new Headers()
                .add("Host", " h ")
                .add("x-amz-meta-a", "  one   two  ")
                .add("x-amz-meta-a", "three");

        assertThat(SignerV4.canonicalRequest("GET", "/", "", headers,
                List.of("host", "x-amz-meta-a"), "p"))
                .isEqualTo("GET\n/\n\nhost:h\nx-amz-meta-a:one two,three\n\nhost;x-amz-meta-a\np");
    }

    @Test
    void signingKeyMatchesPublishedDerivationExample() {
        // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
        assertThat(SignerV4.HEX.formatHex(SignerV4.signingKey(
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void emptyPayloadConstantIsTheSha256OfNothing() {
        assertThat(SignerV4.sha256Hex(new byte[0])).isEqualTo(SignerV4.EMPTY_PAYLOAD_SHA256).isEqualTo(EMPTY);
    }

    @Test
    void signingKeyIsDerivedOncePerDay() {
        V4RequestSigner signer = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1");
        assertThat(signer.cachedSigningKey()).isNull();

        signer.sign(request("GET", "/a", Map.of(), new Headers(), EMPTY), Instant.parse("2013-05-24T00:00:01Z"));
        byte[] first = signer.cachedSigningKey();
        signer.sign(request("GET", "/b", Map.of(), new Headers(), EMPTY), Instant.parse("2013-05-24T23:59:59Z"));
        signer.presign(request("GET", "/c", Map.of(), new Headers(), null),
                Instant.parse("2013-05-24T12:00:00Z"), Instant.parse("2013-05-24T13:00:00Z"));

        assertThat(signer.cachedSigningKey()).isSameAs(first);
        assertThat(first).isEqualTo(EXAMPLE_KEY);

        signer.sign(request("GET", "/d", Map.of(), new Headers(), EMPTY), Instant.parse("2013-05-25T00:00:00Z"));
        assertThat(signer.cachedSigningKey()).isNotSameAs(first)
                .isEqualTo(SignerV4.signingKey(SECRET_KEY, "20130525", "us-east-1", "s3"));
    }

    @Test
    void toStringMasksKeyIdShowsRegionAndHidesTheSecret() {
        String s = new V4RequestSigner(ACCESS_KEY, SECRET_KEY, "us-east-1").toString();
        assertThat(s).contains("AKIA****").doesNotContain(ACCESS_KEY).contains("us-east-1").doesNotContain(SECRET_KEY)
                .doesNotContain("wJalrXUtnFEMI");
    }
}
