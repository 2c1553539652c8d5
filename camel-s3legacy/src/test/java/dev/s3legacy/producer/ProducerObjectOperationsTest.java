package dev.s3legacy.producer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.s3legacy.S3LegacyBody;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.S3LegacyOperations;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The object rows of the contract's operations table, each under V2 and V4, against s3proxy. */
class ProducerObjectOperationsTest extends S3ProxyRouteTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void putThenGetReturnsDataAndObjectHeaders(SignatureVersion v) {
        String bucket = newBucket(v);
        Exchange put = call(v, bucket, "operation=put", "hello world".getBytes(StandardCharsets.UTF_8),
                Map.of(S3LegacyConstants.KEY, "docs/hello.bin", S3LegacyConstants.CONTENT_TYPE, "application/x-test",
                        S3LegacyConstants.METADATA, Map.of("Owner", "me", "color", "blue")));
        assertThat(put.getException()).isNull();
        String etag = put.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class);
        assertThat(etag).isNotBlank().doesNotStartWith("\"").doesNotEndWith("\"");
        // body unchanged by put
        assertThat(put.getMessage().getBody()).isInstanceOf(byte[].class);

        Exchange get = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "docs/hello.bin"));
        assertThat(get.getException()).isNull();
        Message m = get.getMessage();
        assertThat(m.getBody()).isInstanceOf(S3LegacyBody.class);
        assertThat(m.getBody(String.class)).isEqualTo("hello world");
        assertThat(m.getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(200);
        assertThat(m.getHeader(S3LegacyConstants.E_TAG)).isEqualTo(etag);
        assertThat(m.getHeader(S3LegacyConstants.CONTENT_LENGTH)).isEqualTo(11L);
        assertThat(m.getHeader(S3LegacyConstants.CONTENT_TYPE)).isEqualTo("application/x-test");
        assertThat(m.getHeader(S3LegacyConstants.LAST_MODIFIED)).isInstanceOf(Instant.class);
        assertThat(m.getHeader(S3LegacyConstants.LAST_MODIFIED, Instant.class))
                .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
        assertThat(m.getHeader(S3LegacyConstants.METADATA)).isEqualTo(Map.of("owner", "me", "color", "blue"));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void getAclReturnsTheDocumentAndPutAclChangesWhoMayRead(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        put(v, bucket, "acl.txt", "secret-ish");
        assertThat(anonymousGet(bucket, "acl.txt").statusCode()).isEqualTo(403);

        Object acl = template.requestBodyAndHeader(uri(v, bucket, "operation=getAcl"), null, S3LegacyConstants.KEY, "acl.txt");
        assertThat(acl).isInstanceOf(String.class);
        assertThat((String) acl).contains("<AccessControlPolicy").contains("FULL_CONTROL").doesNotContain("AllUsers");

        Matcher owner = Pattern.compile("<Owner>\\s*<ID>([^<]*)</ID>").matcher((String) acl);
        assertThat(owner.find()).isTrue();
        String publicRead = "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>" + owner.group(1)
                + "</ID></Owner><AccessControlList>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>"
                + owner.group(1) + "</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
                + "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>";
        Exchange putAcl = call(v, bucket, "operation=putAcl", publicRead, Map.of(S3LegacyConstants.KEY, "acl.txt"));
        assertThat(putAcl.getException()).isNull();
        assertThat(putAcl.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(200);

        String after = template.requestBodyAndHeader(uri(v, bucket, "operation=getAcl"), null, S3LegacyConstants.KEY, "acl.txt",
                String.class);
        assertThat(after).contains("http://acs.amazonaws.com/groups/global/AllUsers");
        HttpResponse<String> anonymous = anonymousGet(bucket, "acl.txt");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("secret-ish");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void deleteRemovesTheObject(SignatureVersion v) {
        String bucket = newBucket(v);
        put(v, bucket, "gone.txt", "x");
        put(v, bucket, "stays.txt", "y");

        Exchange delete = call(v, bucket, "operation=delete", null, Map.of(S3LegacyConstants.KEY, "gone.txt"));
        assertThat(delete.getException()).isNull();
        assertThat(delete.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(204);

        assertThat(keys(v, bucket)).containsExactly("stays.txt");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void headSetsExistsAndMetadataWithoutBody(SignatureVersion v) {
        String bucket = newBucket(v);
        template.send(uri(v, bucket, null), e -> {
            e.getMessage().setBody("12345");
            e.getMessage().setHeader(S3LegacyConstants.KEY, "h.txt");
            e.getMessage().setHeader(S3LegacyConstants.METADATA, Map.of("Reviewed-By", "ann"));
        });

        Exchange head = call(v, bucket, "operation=head", "ignored", Map.of(S3LegacyConstants.KEY, "h.txt"));
        assertThat(head.getException()).isNull();
        Message m = head.getMessage();
        assertThat(m.getHeader(S3LegacyConstants.EXISTS)).isEqualTo(Boolean.TRUE);
        assertThat(m.getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(200);
        assertThat(m.getHeader(S3LegacyConstants.CONTENT_LENGTH)).isEqualTo(5L);
        assertThat(m.getHeader(S3LegacyConstants.CONTENT_TYPE)).isEqualTo("text/plain");
        assertThat(m.getHeader(S3LegacyConstants.E_TAG, String.class)).isNotBlank().doesNotContain("\"");
        assertThat(m.getHeader(S3LegacyConstants.LAST_MODIFIED)).isInstanceOf(Instant.class);
        assertThat(m.getHeader(S3LegacyConstants.METADATA)).isEqualTo(Map.of("reviewed-by", "ann"));
        assertThat(m.getBody()).isNull();

        Exchange missing = call(v, bucket, "operation=head", "ignored", Map.of(S3LegacyConstants.KEY, "nope.txt"));
        assertThat(missing.getException()).isNull();
        assertThat(missing.getMessage().getHeader(S3LegacyConstants.EXISTS)).isEqualTo(Boolean.FALSE);
        assertThat(missing.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(404);
        assertThat(missing.getMessage().getBody()).isNull();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void copyKeepsOrReplacesMetadata(SignatureVersion v) {
        String source = newBucket(v);
        String target = newBucket(v);
        template.send(uri(v, source, null), e -> {
            e.getMessage().setBody("copy me");
            e.getMessage().setHeader(S3LegacyConstants.KEY, "src.txt");
            e.getMessage().setHeader(S3LegacyConstants.CONTENT_TYPE, "application/x-custom");
            e.getMessage().setHeader(S3LegacyConstants.METADATA, Map.of("origin", "source"));
        });

        Exchange kept = call(v, source, "operation=copy", null, Map.of(S3LegacyConstants.KEY, "src.txt",
                S3LegacyConstants.DESTINATION_BUCKET, target, S3LegacyConstants.DESTINATION_KEY, "kept.txt"));
        assertThat(kept.getException()).isNull();
        assertThat(kept.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class)).isNotBlank().doesNotContain("\"");

        Exchange replaced = call(v, source, "operation=copy", null, Map.of(S3LegacyConstants.KEY, "src.txt",
                S3LegacyConstants.DESTINATION_BUCKET, target, S3LegacyConstants.DESTINATION_KEY, "replaced.txt",
                S3LegacyConstants.METADATA, Map.of("origin", "copy")));
        assertThat(replaced.getException()).isNull();

        // replacing metadata replaces the content type: from the message, else guessed from the target key
        Exchange typed = call(v, source, "operation=copy", null, Map.of(S3LegacyConstants.KEY, "src.txt",
                S3LegacyConstants.DESTINATION_BUCKET, target, S3LegacyConstants.DESTINATION_KEY, "typed.bin",
                S3LegacyConstants.METADATA, Map.of("origin", "typed"), S3LegacyConstants.CONTENT_TYPE, "application/x-custom"));
        assertThat(typed.getException()).isNull();

        // without DestinationBucket the copy stays in the source bucket
        Exchange sameBucket = call(v, source, "operation=copy", null, Map.of(S3LegacyConstants.KEY, "src.txt",
                S3LegacyConstants.DESTINATION_KEY, "twin.txt"));
        assertThat(sameBucket.getException()).isNull();

        assertThat(getText(v, target, "kept.txt")).isEqualTo("copy me");
        assertThat(head(v, target, "kept.txt").getHeader(S3LegacyConstants.METADATA)).isEqualTo(Map.of("origin", "source"));
        assertThat(getText(v, target, "replaced.txt")).isEqualTo("copy me");
        assertThat(head(v, target, "replaced.txt").getHeader(S3LegacyConstants.METADATA)).isEqualTo(Map.of("origin", "copy"));
        assertThat(head(v, target, "kept.txt").getHeader(S3LegacyConstants.CONTENT_TYPE)).isEqualTo("application/x-custom");
        assertThat(head(v, target, "replaced.txt").getHeader(S3LegacyConstants.CONTENT_TYPE)).isEqualTo("text/plain");
        assertThat(head(v, target, "typed.bin").getHeader(S3LegacyConstants.CONTENT_TYPE)).isEqualTo("application/x-custom");
        assertThat(head(v, target, "typed.bin").getHeader(S3LegacyConstants.METADATA)).isEqualTo(Map.of("origin", "typed"));
        assertThat(keys(v, source)).containsExactly("src.txt", "twin.txt");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void deleteObjectsRemovesTheKeysAndReturnsAnEmptyListOfFailures(SignatureVersion v) {
        String bucket = newBucket(v);
        for (String k : List.of("d/1", "d/2", "d/3", "keep")) {
            put(v, bucket, k, k);
        }
        Exchange e = call(v, bucket, "operation=deleteObjects", null,
                Map.of(S3LegacyConstants.KEYS_TO_DELETE, List.of("d/1", "d/2", "d/3")));
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getBody()).isInstanceOf(List.class);
        assertThat(e.getMessage().getBody(List.class)).isEmpty();
        assertThat(keys(v, bucket)).containsExactly("keep");
    }

    // ------------------------------------------------------------------ helpers

    private List<String> keys(SignatureVersion v, String bucket) {
        List<?> list = template.requestBody(uri(v, bucket, "operation=listBucket"), null, List.class);
        return list.stream().map(o -> ((ListEntry) o).getKey()).toList();
    }

    private String getText(SignatureVersion v, String bucket, String key) {
        return template.requestBodyAndHeader(uri(v, bucket, "operation=get"), null, S3LegacyConstants.KEY, key, String.class);
    }

    private Message head(SignatureVersion v, String bucket, String key) {
        Exchange e = template.send(uri(v, bucket, null), x -> {
            x.getMessage().setHeader(S3LegacyConstants.OPERATION, S3LegacyOperations.head);
            x.getMessage().setHeader(S3LegacyConstants.KEY, key);
        });
        assertThat(e.getException()).isNull();
        return e.getMessage();
    }

    static HttpResponse<String> anonymousGet(String bucket, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + bucket + "/" + key)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
