package dev.s3legacy.producer;

import java.util.Map;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed requests: an S3LegacyException, or with throwExceptionOnFailure=false the error headers. */
class ProducerErrorsTest extends S3ProxyRouteTestSupport {

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void missingKeyWithoutThrowingSetsStatusAndErrorHeaders(SignatureVersion v) {
        String bucket = newBucket(v);
        Exchange e = call(v, bucket, "operation=get&throwExceptionOnFailure=false", null, Map.of(S3LegacyConstants.KEY, "missing.txt"));
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isInstanceOf(Integer.class).isEqualTo(404);
        assertThat(e.getMessage().getHeader(S3LegacyConstants.ERROR_CODE)).isEqualTo("NoSuchKey");
        assertThat(e.getMessage().getHeader(S3LegacyConstants.REQUEST_ID, String.class)).isNotBlank();
        assertThat(e.getMessage().getBody(String.class)).contains("<Error>").contains("<Code>NoSuchKey</Code>");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void missingKeyThrowsS3LegacyException(SignatureVersion v) {
        String bucket = newBucket(v);
        Exchange e = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "missing.txt"));
        assertThat(e.getException()).isInstanceOf(S3LegacyException.class);
        S3LegacyException s3 = (S3LegacyException) e.getException();
        assertThat(s3.getStatusCode()).isEqualTo(404);
        assertThat(s3.getErrorCode()).isEqualTo("NoSuchKey");
        assertThat(s3.getRequestId()).isNotBlank();
        assertThat(s3.getResource()).isEqualTo("/" + bucket + "/missing.txt");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void wrongSecretIsRefusedAndNotShown(SignatureVersion v) {
        String bucket = newBucket(v);
        String wrong = "WRONG-secret-key-for-test-0123456789abcd";
        Exchange e = template.send("s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + wrong + ")&signatureVersion=" + v + "&operation=listBucket", x -> { });
        assertThat(e.getException()).isInstanceOf(S3LegacyException.class);
        S3LegacyException s3 = (S3LegacyException) e.getException();
        assertThat(s3.getStatusCode()).isEqualTo(403);
        assertThat(s3.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(s3.getMessage()).doesNotContain(wrong).doesNotContain(S3ProxyServer.SECRET_KEY);
    }
}
