package dev.s3legacy.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deleteObjects beyond S3's 1,000 keys a request (sent in batches, every key gone), and a failed
 * precondition (412) that is an error, unlike a 304.
 */
class ProducerBatchAndPreconditionTest extends S3ProxyRouteTestSupport {

    private static S3Connection client(SignatureVersion v) {
        return new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).signatureVersion(v).build());
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void deleteObjectsOfMoreThanAThousandKeysDeletesThemAllInBatches(SignatureVersion v) {
        String bucket = newBucket(v);
        S3Connection s3 = client(v);
        List<String> keys = new ArrayList<>();
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            String key = String.format("batch/%05d", i);
            keys.add(key);
            puts.add(s3.executeAsync(S3Requests.put(bucket, key, RequestBody.ofBytes(new byte[] {1}), null, null)));
            if (puts.size() == 32) {
                puts.forEach(CompletableFuture::join);
                puts.clear();
            }
        }
        puts.forEach(CompletableFuture::join);
        s3.put(bucket, "kept", RequestBody.ofString("stays"));

        Exchange e = template.send(uri(v, bucket, "operation=deleteObjects"),
                x -> x.getMessage().setHeader(S3LegacyConstants.KEYS_TO_DELETE, keys));

        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getBody(List.class)).as("keys that failed").isEmpty();
        ListBucketResponse left = s3.listBucket(bucket, null, null, null, null);
        assertThat(left.getEntries()).extracting(x -> x.getKey()).containsExactly("kept");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void failedPreconditionIsAnErrorNotAResult(SignatureVersion v) {
        String bucket = newBucket(v);
        S3Connection s3 = client(v);
        s3.put(bucket, "doc.txt", RequestBody.ofString("v1"));
        // S3 answers If-Match with another ETag by 412 PreconditionFailed: unlike a 304 it is an error.
        S3LegacyException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> s3.execute(S3Requests.get(bucket, "doc.txt").header("If-Match", "\"0123456789abcdef0123456789abcdef\"")),
                S3LegacyException.class);
        assertThat(failure.getStatusCode()).isEqualTo(412);
        assertThat(failure.getErrorCode()).isEqualTo("PreconditionFailed");

        // and a 304 through the route is a result: status header, empty body, no exception
        String etag = s3.head(bucket, "doc.txt").eTag();
        Exchange e = template.send(uri(v, bucket, "operation=get"), x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "doc.txt");
            x.getMessage().setHeader(S3LegacyConstants.IF_NONE_MATCH, etag);
        });
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(304);
        assertThat(e.getMessage().getBody()).isNull();
    }
}
