package dev.s3legacy.producer;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.S3LegacyOperations;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** presign=true: the URL in body and header, usable by a plain HTTP client, with V2 or V4 parameters. */
class ProducerPresignTest extends S3ProxyRouteTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private Exchange presign(SignatureVersion v, String bucket, S3LegacyOperations op, String key, Map<String, Object> more) {
        Map<String, Object> headers = new LinkedHashMap<>(more);
        headers.put(S3LegacyConstants.KEY, key);
        headers.put(S3LegacyConstants.OPERATION, op);
        Exchange e = call(v, bucket, "presign=true", null, headers);
        assertThat(e.getException()).isNull();
        String url = e.getMessage().getBody(String.class);
        assertThat(e.getMessage().getBody()).isInstanceOf(String.class);
        assertThat(e.getMessage().getHeader(S3LegacyConstants.PRESIGNED_URL)).isEqualTo(url);
        return e;
    }

    private static void assertSignatureParameters(SignatureVersion v, String url, long expiresIn) {
        Map<String, String> q = query(url);
        long now = Instant.now().getEpochSecond();
        if (v == SignatureVersion.V2) {
            assertThat(q).containsOnlyKeys("AWSAccessKeyId", "Expires", "Signature");
            assertThat(q.get("AWSAccessKeyId")).isEqualTo(S3ProxyServer.ACCESS_KEY);
            assertThat(Long.parseLong(q.get("Expires"))).isBetween(now + expiresIn - 10, now + expiresIn + 1);
        } else {
            assertThat(q).containsKeys("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                    "X-Amz-SignedHeaders", "X-Amz-Signature");
            assertThat(q.get("X-Amz-Algorithm")).isEqualTo("AWS4-HMAC-SHA256");
            assertThat(q.get("X-Amz-Credential")).startsWith(S3ProxyServer.ACCESS_KEY + "/").endsWith("/us-east-1/s3/aws4_request");
            assertThat(q.get("X-Amz-Expires")).isEqualTo(Long.toString(expiresIn));
            assertThat(q.get("X-Amz-SignedHeaders")).isEqualTo("host");
        }
        assertThat(url).doesNotContain(S3ProxyServer.SECRET_KEY)
                .doesNotContain(URLDecoder.decode(S3ProxyServer.SECRET_KEY, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void presignedGetWorksWithAPlainClient(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        put(v, bucket, "dir/readme.txt", "read me");
        String url = presign(v, bucket, S3LegacyOperations.get, "dir/readme.txt", Map.of()).getMessage().getBody(String.class);
        assertThat(url).startsWith(server.endpoint() + "/" + bucket + "/dir/readme.txt?");
        assertSignatureParameters(v, url, 60);

        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("read me");

        // a tampered URL is refused: the signature covers the key
        HttpResponse<String> tampered = HTTP.send(HttpRequest.newBuilder(URI.create(url.replace("readme", "readme2"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void presignedPutWorksWithAPlainClientSendingNoContentType(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        Exchange e = presign(v, bucket, S3LegacyOperations.put, "upload.txt", Map.of());
        String url = e.getMessage().getBody(String.class);
        assertSignatureParameters(v, url, 60);

        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString("uploaded")).build();
        assertThat(request.headers().firstValue("Content-Type")).isEmpty();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        assertThat(template.requestBodyAndHeader(uri(v, bucket, "operation=get"), null, S3LegacyConstants.KEY, "upload.txt", String.class))
                .isEqualTo("uploaded");
        // presigning itself wrote nothing
        assertThat(presign(v, bucket, S3LegacyOperations.put, "never.txt", Map.of()).getMessage().getBody(String.class)).isNotBlank();
        Exchange head = call(v, bucket, "operation=head", null, Map.of(S3LegacyConstants.KEY, "never.txt"));
        assertThat(head.getMessage().getHeader(S3LegacyConstants.EXISTS)).isEqualTo(false);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void expiresInHeaderOverridesTheOptionAndTheServerEnforcesIt(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        put(v, bucket, "short.txt", "short-lived");
        Exchange e = call(v, bucket, "presign=true&operation=get&expiresIn=3600", null,
                Map.of(S3LegacyConstants.KEY, "short.txt", S3LegacyConstants.EXPIRES_IN, 1L));
        String url = e.getMessage().getBody(String.class);
        assertSignatureParameters(v, url, 1);

        Exchange option = call(v, bucket, "presign=true&operation=get&expiresIn=3600", null, Map.of(S3LegacyConstants.KEY, "short.txt"));
        assertSignatureParameters(v, option.getMessage().getBody(String.class), 3600);

        Thread.sleep(2500);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        HttpResponse<String> stillValid = HTTP.send(HttpRequest.newBuilder(URI.create(option.getMessage().getBody(String.class))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stillValid.body()).isEqualTo("short-lived");
    }
}
