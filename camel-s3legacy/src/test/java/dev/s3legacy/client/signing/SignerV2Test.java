package dev.s3legacy.client.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.s3legacy.client.Headers;

/**
 * Known answers from the S3 Developer Guide, "Signing and authenticating REST requests" (AWS
 * signature version 2), examples for bucket {@code johnsmith}. The request headers, strings to sign
 * and signatures below are the page's own.
 */
class SignerV2Test {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static Map<String, String> query(String... nameValues) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            q.put(nameValues[i], nameValues[i + 1]);
        }
        return q;
    }

    @Test
    void objectGetMatchesPublishedExample() {
        Headers headers = new Headers()
                .add("Host", "johnsmith.s3.amazonaws.com")
                .add("Date", "Tue, 27 Mar 2007 19:36:42 +0000");
        String resource = SignerV2.canonicalResource("/johnsmith/photos/puppy.jpg", Map.of());
        String sts = SignerV2.stringToSign("GET", headers, headers.first("Date"), resource);

        assertThat(sts).isEqualTo("GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg");
        assertThat(SignerV2.sign(SECRET_KEY, sts)).isEqualTo("bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
    }

    @Test
    void objectPutMatchesPublishedExample() {
        Headers headers = new Headers()
                .add("Content-Type", "image/jpeg")
                .add("Content-Length", "94328")
                .add("Host", "johnsmith.s3.amazonaws.com")
                .add("Date", "Tue, 27 Mar 2007 21:15:45 +0000");
        String resource = SignerV2.canonicalResource("/johnsmith/photos/puppy.jpg", Map.of());
        String sts = SignerV2.stringToSign("PUT", headers, headers.first("Date"), resource);

        assertThat(sts).isEqualTo("PUT\n\nimage/jpeg\nTue, 27 Mar 2007 21:15:45 +0000\n/johnsmith/photos/puppy.jpg");
        assertThat(SignerV2.sign(SECRET_KEY, sts)).isEqualTo("MyyxeRY7whkBe+bq8fHCL/2kKUg=");
    }

    @Test
    void listLeavesOrdinaryQueryParametersOutOfTheResource() {
        Headers headers = new Headers()
                .add("User-Agent", "Mozilla/5.0")
                .add("Host", "johnsmith.s3.amazonaws.com")
                .add("Date", "Tue, 27 Mar 2007 19:42:41 +0000");
        String resource = SignerV2.canonicalResource("/johnsmith/",
                query("prefix", "photos", "max-keys", "50", "marker", "puppy"));
        String sts = SignerV2.stringToSign("GET", headers, headers.first("Date"), resource);

        assertThat(resource).isEqualTo("/johnsmith/");
        assertThat(sts).isEqualTo("GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/johnsmith/");
        assertThat(SignerV2.sign(SECRET_KEY, sts)).isEqualTo("htDYFYduRNen8P9ZfE/s9SuKy0U=");
    }

    @Test
    void aclFetchSignsTheBareSubResource() {
        Headers headers = new Headers()
                .add("Host", "johnsmith.s3.amazonaws.com")
                .add("Date", "Tue, 27 Mar 2007 19:44:46 +0000");
        String resource = SignerV2.canonicalResource("/johnsmith/", query("acl", null));
        String sts = SignerV2.stringToSign("GET", headers, headers.first("Date"), resource);

        assertThat(sts).isEqualTo("GET\n\n\nTue, 27 Mar 2007 19:44:46 +0000\n/johnsmith/?acl");
        assertThat(SignerV2.sign(SECRET_KEY, sts)).isEqualTo("c2WLPFtWHVgbEmeEG93a4cG37dM=");
    }

    /**
     * The page's DELETE example prints a string to sign with the x-amz-date value on the Date line and
     * no x-amz-date header line, contradicting the page's own rule. Its signature belongs to that
     * printed string; our stringToSign follows the rule instead (empty Date line, header signed).
     */
    @Test
    void deleteExampleSignatureBelongsToThePrintedStringToSign() {
        String printed = "DELETE\n\n\nTue, 27 Mar 2007 21:20:26 +0000\n/johnsmith/photos/puppy.jpg";
        assertThat(SignerV2.sign(SECRET_KEY, printed)).isEqualTo("lx3byBScXR6KzyMaifNkardMwNk=");

        Headers headers = new Headers()
                .add("User-Agent", "dotnet")
                .add("Host", "s3.amazonaws.com")
                .add("Date", "Tue, 27 Mar 2007 21:20:27 +0000")
                .add("x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000");
        String resource = SignerV2.canonicalResource("/johnsmith/photos/puppy.jpg", Map.of());
        assertThat(SignerV2.stringToSign("DELETE", headers, headers.first("Date"), resource))
                .isEqualTo("DELETE\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/johnsmith/photos/puppy.jpg");
    }

    @Test
    void uploadCanonicalizesAmzHeaders() {
        Headers headers = new Headers()
                .add("User-Agent", "curl/7.15.5")
                .add("Host", "static.johnsmith.net:8080")
                .add("Date", "Tue, 27 Mar 2007 21:06:08 +0000")
                .add("x-amz-acl", "public-read")
                .add("content-type", "application/x-download")
                .add("Content-MD5", "4gJE4saaMU4BqNR0kLY+lw==")
                .add("X-Amz-Meta-ReviewedBy", "joe@johnsmith.net")
                .add("X-Amz-Meta-ReviewedBy", "jane@johnsmith.net")
                .add("X-Amz-Meta-FileChecksum", "0x02661779")
                .add("X-Amz-Meta-ChecksumAlgorithm", "crc32")
                .add("Content-Disposition", "attachment; filename=database.dat")
                .add("Content-Encoding", "gzip")
                .add("Content-Length", "5913339");
        String resource = SignerV2.canonicalResource("/static.johnsmith.net/db-backup.dat.gz", Map.of());
        String sts = SignerV2.stringToSign("PUT", headers, headers.first("Date"), resource);

        assertThat(sts).isEqualTo("PUT\n"
                + "4gJE4saaMU4BqNR0kLY+lw==\n"
                + "application/x-download\n"
                + "Tue, 27 Mar 2007 21:06:08 +0000\n"
                + "x-amz-acl:public-read\n"
                + "x-amz-meta-checksumalgorithm:crc32\n"
                + "x-amz-meta-filechecksum:0x02661779\n"
                + "x-amz-meta-reviewedby:joe@johnsmith.net,jane@johnsmith.net\n"
                + "/static.johnsmith.net/db-backup.dat.gz");
        assertThat(SignerV2.sign(SECRET_KEY, sts)).isEqualTo("ilyl83RwaSoYIEdixDQcA4OnAnc=");
    }

    @Test
    void listAllMyBucketsMatchesPublishedExample() {
        Headers headers = new Headers()
                .add("Host", "s3.amazonaws.com")
                .add("Date", "Wed, 28 Mar 2007 01:29:59 +0000");
        String sts = SignerV2.stringToSign("GET", headers, headers.first("Date"),
                SignerV2.canonicalResource("/", Map.of()));

        assertThat(sts).isEqualTo("GET\n\n\nWed, 28 Mar 2007 01:29:59 +0000\n/");
        assertThat(SignerV2.sign(SECRET_KEY, sts)).isEqualTo("qGdzdERIC03wnaRNKh6OqZehG9s=");
    }

    @Test
    void unicodeKeyIsSignedLiterallyAsSentIncludingItsEncoding() {
        Headers headers = new Headers()
                .add("Host", "s3.amazonaws.com")
                .add("Date", "Wed, 28 Mar 2007 01:49:49 +0000");
        String sts = SignerV2.stringToSign("GET", headers, headers.first("Date"),
                SignerV2.canonicalResource("/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re", Map.of()));

        assertThat(sts).isEqualTo("GET\n\n\nWed, 28 Mar 2007 01:49:49 +0000\n/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re");
        assertThat(SignerV2.sign(SECRET_KEY, sts)).isEqualTo("DNEZGsoieTZ92F3bUfSPQcbGmlM=");
    }

    @Test
    void presignMatchesPublishedQueryStringAuthExample() {
        WireRequest request = new WireRequest("GET", "http", "johnsmith.s3.amazonaws.com", "/photos/puppy.jpg",
                // A Date header must not take the Expires line's place.
                "/johnsmith/photos/puppy.jpg", Map.of(), new Headers().add("Date", "Mon, 26 Mar 2007 19:37:58 +0000"), null);

        request = new V2RequestSigner(ACCESS_KEY, SECRET_KEY)
                .presign(request, Instant.ofEpochSecond(1175139620L - 3600), Instant.ofEpochSecond(1175139620L)).applyTo(request);

        assertThat(SignerV2.assemble("GET", request.headers(), "1175139620", "/johnsmith/photos/puppy.jpg"))
                .isEqualTo("GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg");
        assertThat(request.query()).containsExactly(
                Map.entry("AWSAccessKeyId", ACCESS_KEY),
                Map.entry("Expires", "1175139620"),
                Map.entry("Signature", "NpgCjnDzrM+WFzoENXmpNDUsSn8="));
        assertThat(request.headers().contains("Authorization")).isFalse();
    }

    @Test
    void canonicalResourceKeepsOnlySubResourcesSortedAndUnencoded() {
        Map<String, String> q = query(
                "versionId", "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo",
                "prefix", "ignored",
                "response-content-disposition", "attachment; filename=a b.txt",
                "uploads", null,
                "acl", null,
                "partNumber", "2",
                "uploadId", "abc",
                "max-keys", "10");

        assertThat(SignerV2.canonicalResource("/b/k", q)).isEqualTo("/b/k"
                + "?acl"
                + "&partNumber=2"
                + "&response-content-disposition=attachment; filename=a b.txt"
                + "&uploadId=abc"
                + "&uploads"
                + "&versionId=3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo");
        assertThat(SignerV2.canonicalResource("/b/", query("delete", null, "tagging", null, "cors", null)))
                .isEqualTo("/b/?cors&delete&tagging");
    }

    @Test
    void amzHeaderValuesAreTrimmedAndWhitespaceRunsFolded() {
        Headers headers = new Headers()
                .add("X-AMZ-Meta-Note", "  two   spaces\r\n\tfolded  ")
                .add("x-amz-meta-a", " 1 ")
                .add("x-amz-meta-a", "2");

        assertThat(SignerV2.stringToSign("PUT", headers, "D", "/b/k"))
                .isEqualTo("PUT\n\n\nD\nx-amz-meta-a:1,2\nx-amz-meta-note:two spaces folded\n/b/k");
    }

    @Test
    void signSetsAGmtDateAndTheAuthorizationHeader() {
        WireRequest request = new WireRequest("GET", "http", "johnsmith.s3.amazonaws.com", "/photos/puppy.jpg",
                "/johnsmith/photos/puppy.jpg", query("acl", null), new Headers(), null);

        request = new V2RequestSigner(ACCESS_KEY, SECRET_KEY).sign(request, Instant.parse("2007-03-07T09:06:42Z")).applyTo(request);

        // Two-digit day, English names, GMT.
        assertThat(request.headers().first("Date")).isEqualTo("Wed, 07 Mar 2007 09:06:42 GMT");
        String expectedSts = "GET\n\n\nWed, 07 Mar 2007 09:06:42 GMT\n/johnsmith/photos/puppy.jpg?acl";
        assertThat(request.headers().first("Authorization"))
                .isEqualTo("AWS AKIAIOSFODNN7EXAMPLE:" + SignerV2.sign(SECRET_KEY, expectedSts));
    }

    @Test
    void signLeavesDateAloneWhenXAmzDateIsSet() {
        Headers headers = new Headers().add("x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000");
        WireRequest request = new WireRequest("DELETE", "http", "s3.amazonaws.com", "/johnsmith/photos/puppy.jpg",
                "/johnsmith/photos/puppy.jpg", Map.of(), headers, null);

        request = new V2RequestSigner(ACCESS_KEY, SECRET_KEY).sign(request, Instant.parse("2020-01-01T00:00:00Z")).applyTo(request);

        assertThat(request.headers().contains("Date")).isFalse();
        String expectedSts = "DELETE\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/johnsmith/photos/puppy.jpg";
        assertThat(request.header("Authorization"))
                .isEqualTo("AWS AKIAIOSFODNN7EXAMPLE:" + SignerV2.sign(SECRET_KEY, expectedSts));
    }

    @Test
    void toStringMasksTheKeyIdAndHidesTheSecret() {
        String s = new V2RequestSigner(ACCESS_KEY, SECRET_KEY).toString();
        assertThat(s).contains("AKIA****").doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY).doesNotContain("wJalrXUtnFEMI");
    }
}
