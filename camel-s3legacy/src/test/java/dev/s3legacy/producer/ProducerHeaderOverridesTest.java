package dev.s3legacy.producer;

import java.util.List;
import java.util.Map;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.S3LegacyOperations;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.s3legacy.producer.ProducerObjectOperationsTest.anonymousGet;
import static org.assertj.core.api.Assertions.assertThat;

/** A header on the message overrides the endpoint option of the same meaning. */
class ProducerHeaderOverridesTest extends S3ProxyRouteTestSupport {

    private static List<String> keysOf(Exchange e) {
        assertThat(e.getException()).isNull();
        return ((List<?>) e.getMessage().getBody()).stream().map(o -> ((ListEntry) o).getKey()).toList();
    }

    private List<String> keys(SignatureVersion v, String bucket) {
        return keysOf(call(v, bucket, "operation=listBucket", null, Map.of()));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void overrideBucketNameHeaderOverridesTheUriAndBucketNameIsSetAsOutput(SignatureVersion v) {
        String inUri = newBucket(v);
        String inHeader = newBucket(v);
        Exchange e = call(v, inUri, null, "x", Map.of(S3LegacyConstants.KEY, "k", S3LegacyConstants.OVERRIDE_BUCKET_NAME, inHeader));
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.BUCKET_NAME)).as("the bucket the put addressed").isEqualTo(inHeader);
        assertThat(keys(v, inUri)).isEmpty();
        assertThat(keys(v, inHeader)).containsExactly("k");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void bucketNameHeaderIsOutputOnlyAndNeverSteersTheProducer(SignatureVersion v) {
        String inUri = newBucket(v);
        String inHeader = newBucket(v);
        Exchange e = call(v, inUri, null, "x", Map.of(S3LegacyConstants.KEY, "k", S3LegacyConstants.BUCKET_NAME, inHeader));
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.BUCKET_NAME)).as("replaced by the bucket addressed").isEqualTo(inUri);
        assertThat(keys(v, inUri)).containsExactly("k");
        assertThat(keys(v, inHeader)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void keyHeaderOverridesKeyNameWhichOverridesTheFileName(SignatureVersion v) {
        String bucket = newBucket(v);
        call(v, bucket, "keyName=from-option", "1", Map.of(S3LegacyConstants.KEY, "from-header", Exchange.FILE_NAME, "from-file"));
        call(v, bucket, "keyName=from-option", "2", Map.of(Exchange.FILE_NAME, "from-file"));
        call(v, bucket, null, "3", Map.of(Exchange.FILE_NAME, "from-file"));
        assertThat(keys(v, bucket)).containsExactly("from-file", "from-header", "from-option");
        assertThat(template.requestBodyAndHeader(uri(v, bucket, "operation=get"), null, S3LegacyConstants.KEY, "from-file", String.class))
                .isEqualTo("3");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void operationHeaderAsStringOrEnumOverridesTheOption(SignatureVersion v) {
        String bucket = newBucket(v);
        put(v, bucket, "k", "content");
        // the endpoint says put (the default): with the header, nothing is written but the object is read
        Exchange asString = call(v, bucket, "operation=put", "must not be written",
                Map.of(S3LegacyConstants.KEY, "k", S3LegacyConstants.OPERATION, "get"));
        assertThat(asString.getMessage().getBody(String.class)).isEqualTo("content");
        Exchange asEnum = call(v, bucket, "operation=put", "must not be written",
                Map.of(S3LegacyConstants.KEY, "k", S3LegacyConstants.OPERATION, S3LegacyOperations.get));
        assertThat(asEnum.getMessage().getBody(String.class)).isEqualTo("content");
        Exchange list = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.OPERATION, S3LegacyOperations.listBucket));
        assertThat(keysOf(list)).containsExactly("k");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void listingHeadersOverrideTheOptions(SignatureVersion v) {
        String bucket = newBucket(v);
        for (String k : List.of("a/1", "a/2", "a/x/3", "b/1", "b/2", "b/3")) {
            put(v, bucket, k, k);
        }
        assertThat(keysOf(call(v, bucket, "operation=listBucket&prefix=a/", null, Map.of(S3LegacyConstants.PREFIX, "b/"))))
                .containsExactly("b/1", "b/2", "b/3");
        assertThat(keysOf(call(v, bucket, "operation=listBucket&maxKeys=3", null, Map.of(S3LegacyConstants.MAX_KEYS, 1))))
                .containsExactly("a/1");
        assertThat(keysOf(call(v, bucket, "operation=listBucket&maxKeys=1", null, Map.of(S3LegacyConstants.MAX_KEYS, "4"))))
                .containsExactly("a/1", "a/2", "a/x/3", "b/1");
        Exchange delimited = call(v, bucket, "operation=listBucket&prefix=a/", null, Map.of(S3LegacyConstants.DELIMITER, "/"));
        assertThat(keysOf(delimited)).containsExactly("a/1", "a/2");
        assertThat(delimited.getMessage().getHeader(S3LegacyConstants.COMMON_PREFIXES, List.class)).containsExactly("a/x/");
        assertThat(keysOf(call(v, bucket, "operation=listBucket&marker=a/1", null, Map.of(S3LegacyConstants.MARKER, "b/1"))))
                .containsExactly("b/2", "b/3");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void cannedAclPublicReadMakesTheObjectReadableAnonymously(SignatureVersion v) throws Exception {
        String bucket = newBucket(v);
        call(v, bucket, null, "private data", Map.of(S3LegacyConstants.KEY, "private.txt"));
        call(v, bucket, null, "public data", Map.of(S3LegacyConstants.KEY, "public.txt", S3LegacyConstants.CANNED_ACL, "public-read"));
        call(v, bucket, "cannedAcl=public-read", "by option", Map.of(S3LegacyConstants.KEY, "option.txt"));
        call(v, bucket, "cannedAcl=public-read", "header wins",
                Map.of(S3LegacyConstants.KEY, "overridden.txt", S3LegacyConstants.CANNED_ACL, "private"));

        assertThat(anonymousGet(bucket, "private.txt").statusCode()).isEqualTo(403);
        assertThat(anonymousGet(bucket, "public.txt").statusCode()).isEqualTo(200);
        assertThat(anonymousGet(bucket, "public.txt").body()).isEqualTo("public data");
        assertThat(anonymousGet(bucket, "option.txt").body()).isEqualTo("by option");
        assertThat(anonymousGet(bucket, "overridden.txt").statusCode()).isEqualTo(403);
    }
}
