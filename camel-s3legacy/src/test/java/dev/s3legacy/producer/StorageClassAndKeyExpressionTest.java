package dev.s3legacy.producer;

import java.util.List;
import java.util.Map;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** storageClass and keyName expressions against a real S3 server (s3proxy). */
class StorageClassAndKeyExpressionTest extends S3ProxyRouteTestSupport {

    @SuppressWarnings("unchecked")
    private List<ListEntry> list(SignatureVersion v, String bucket) {
        return (List<ListEntry>) template.requestBody(uri(v, bucket, "operation=listBucket"), null, List.class);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void storageClassRoundTripsThroughTheStore(SignatureVersion v) {
        String bucket = newBucket(v);
        Exchange put = call(v, bucket, "storageClass=STANDARD_IA", "cold data", Map.of(S3LegacyConstants.KEY, "cold"));
        assertThat(put.getException()).isNull();
        Exchange byHeader = call(v, bucket, "storageClass=STANDARD_IA", "other", Map.of(S3LegacyConstants.KEY, "warm",
                S3LegacyConstants.STORAGE_CLASS, "STANDARD"));
        assertThat(byHeader.getException()).isNull();

        Exchange head = call(v, bucket, "operation=head", null, Map.of(S3LegacyConstants.KEY, "cold"));
        assertThat(head.getMessage().getHeader(S3LegacyConstants.STORAGE_CLASS)).isEqualTo("STANDARD_IA");
        Exchange get = call(v, bucket, "operation=get", null, Map.of(S3LegacyConstants.KEY, "cold"));
        assertThat(get.getMessage().getHeader(S3LegacyConstants.STORAGE_CLASS)).isEqualTo("STANDARD_IA");
        assertThat(get.getMessage().getBody(String.class)).isEqualTo("cold data");
        assertThat(list(v, bucket)).extracting(ListEntry::getKey, ListEntry::getStorageClass)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cold", "STANDARD_IA"),
                        org.assertj.core.groups.Tuple.tuple("warm", "STANDARD"));
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void keyNameIsASimpleExpressionEvaluatedPerMessageAndAPlainKeyStaysLiteral(SignatureVersion v) {
        String bucket = newBucket(v);
        String expression = "keyName=in/${header.tenant}/${file:name.noext}-${header.seq}.txt";
        call(v, bucket, expression, "one", Map.of("tenant", "acme", Exchange.FILE_NAME, "report.csv", "seq", 1));
        call(v, bucket, expression, "two", Map.of("tenant", "globex", Exchange.FILE_NAME, "report.csv", "seq", 2));
        // the key header still wins over the expression
        call(v, bucket, expression, "three", Map.of(S3LegacyConstants.KEY, "explicit", "tenant", "x", "seq", 3));
        call(v, bucket, "keyName=plain/$dollar{not}", "four", Map.of());
        assertThat(list(v, bucket)).extracting(ListEntry::getKey)
                .containsExactly("explicit", "in/acme/report-1.txt", "in/globex/report-2.txt", "plain/$dollar{not}");
        Exchange got = call(v, bucket, "operation=get&keyName=in/${header.tenant}/report-2.txt", null, Map.of("tenant", "globex"));
        assertThat(got.getMessage().getBody(String.class)).isEqualTo("two");
    }
}
