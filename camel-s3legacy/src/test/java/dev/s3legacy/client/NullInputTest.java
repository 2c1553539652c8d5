package dev.s3legacy.client;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A null never becomes the text "null" on the wire: keys and metadata values are refused, naming where. */
class NullInputTest {

    @Test
    void deleteObjectsRejectsANullKeyNamingItsPosition() {
        assertThatThrownBy(() -> S3Requests.deleteObjects("bucket", Arrays.asList("a.txt", null, "c.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null")
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> S3Requests.deleteObjects("bucket", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys");
    }

    @Test
    void metadataRejectsANullValueNamingItsName() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("owner", null);
        assertThatThrownBy(() -> S3Requests.put("bucket", "k", RequestBody.ofString("x"), null, metadata))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'owner'").hasMessageContaining("null");

        Map<String, Object> several = Map.of("reviewers", Arrays.asList("joe", null));
        assertThatThrownBy(() -> S3Requests.put("bucket", "k", RequestBody.ofString("x"), null, several))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reviewers'").hasMessageContaining("index 1");

        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, "x");
        assertThatThrownBy(() -> S3Requests.put("bucket", "k", RequestBody.ofString("x"), null, nullName))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata name");
    }

    @Test
    void validKeysAndMetadataStillPass() {
        assertThat(S3Requests.deleteObjects("bucket", List.of("a", "b")).body().contentLength()).isPositive();
        S3Request<S3Response> put = S3Requests.put("bucket", "k", RequestBody.ofString("x"), null,
                Map.of("owner", "alice", "reviewers", List.of("joe", "jane"), "count", 3));
        assertThat(put.headers().first("x-amz-meta-owner")).isEqualTo("alice");
        assertThat(put.headers().first("x-amz-meta-reviewers")).isEqualTo("joe,jane");
        assertThat(put.headers().first("x-amz-meta-count")).isEqualTo("3");
    }
}
