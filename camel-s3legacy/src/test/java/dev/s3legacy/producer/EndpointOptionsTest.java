package dev.s3legacy.producer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.s3legacy.S3LegacyEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.SensitiveUtils;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad options fail when the endpoint is created, naming the option; the secret key never shows. */
class EndpointOptionsTest extends CamelTestSupport {

    private static final String SECRET = "Sup3r/Secret+Key=ForMaskingTest0123456789";
    private static final String BASE = "s3legacy:good-bucket?endpoint=http://127.0.0.1:9&accessKey=AKIDMASK";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
            }
        };
    }

    /** Every message in the cause chain, so the assertion does not depend on how Camel wraps ours. */
    private static String messages(Throwable t) {
        List<String> all = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.add(String.valueOf(c.getMessage()));
        }
        return String.join(" | ", all);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "signatureVersion=V3                  | signatureVersion | V3",
            "maxRetries=abc                       | maxRetries       | abc",
            "expiresIn=5s                         | expiresIn        | 5s",
            "partSize=lots                        | partSize         | lots",
            "partSize=1000                        | partSize         | 1000",
            "expiresIn=0                          | expiresIn        | 0",
            "operation=frobnicate                 | operation        | frobnicate",
            "callingFormat=FOO                    | callingFormat    | FOO",
            "maxKeys=5000                         | maxKeys          | 5000",
            "spoolThreshold=-1                    | spoolThreshold   | -1",
            "endpoint=ftp://example.com           | endpoint         | ftp://example.com",
            "moveAfterRead=true                   | destinationBucket | moveAfterRead",
            "serverSideEncryption=AES128          | serverSideEncryption | AES128",
            "kmsKeyId=alias/k                     | kmsKeyId         | serverSideEncryption=aws:kms",
            "serverSideEncryption=AES256&kmsKeyId=alias/k | kmsKeyId | AES256",
            "storageClass=GLACIER%20IR            | storageClass     | GLACIER IR",
            "customerKey=c2hvcnQ=                 | customerKey      | 5 bytes",
            "customerKey=not*base64               | customerKey      | not base64",
            "serverSideEncryption=AES256&customerKey=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlBQkNERUY= | customerKey | serverSideEncryption",
    })
    void aBadOptionFailsAtEndpointCreationNamingIt(String option, String name, String value) {
        assertThatThrownBy(() -> context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&" + option))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(messages(e)).contains(name).contains(value).doesNotContain(SECRET));
    }

    /**
     * Our failure never repeats a customer key. (Camel's own wrapper quotes the endpoint URI, masking options by a
     * fixed list of names without customerKey: the guide says to set the key on the component or add it to
     * camel.main.additionalSensitiveKeywords.)
     */
    @Test
    void aBadCustomerKeyIsNeverRepeatedInTheFailure() {
        String almostKey = "U3VwM3JTZWNyZXRDdXN0b21lcktleQ=="; // base64 of 22 bytes
        assertThatThrownBy(() -> context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&customerKey=RAW(" + almostKey + ")"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(messages(e.getCause())).contains("customerKey").contains("22 bytes")
                        .doesNotContain(almostKey).doesNotContain(almostKey.substring(0, 12)));
    }

    @Test
    void theCustomerKeyNeverShowsInTheEndpointOrItsOptions() throws Exception {
        String key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlBQkNERUY=";
        for (String written : List.of("RAW(" + key + ")", key)) {
            S3LegacyEndpoint endpoint = (S3LegacyEndpoint) context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&customerKey="
                    + written + "&operation=head");
            assertThat(endpoint.getConfiguration().getCustomerKey()).isEqualTo(key);
            assertThat(endpoint.toString()).doesNotContain(key).doesNotContain(key.substring(0, 12)).contains("customerKey=xxxxxx");
            assertThat(endpoint.getConfiguration().toWriteOptions().toString()).doesNotContain(key).contains("key hidden");
            assertThat(endpoint.getClientConfig().toString()).doesNotContain(key);
        }
        try (InputStream json = getClass().getClassLoader().getResourceAsStream("META-INF/dev/s3legacy/s3legacy.json")) {
            String schema = new String(json.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(schema).containsPattern("\"customerKey\": \\{[^}]*\"secret\": true");
        }
    }

    @Test
    void destinationPrefixWhoseLiteralPartLiesInThePolledAreaFailsTheConsumerNamingTheLiteralPart() throws Exception {
        Endpoint endpoint = context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&prefix=inbox/&moveAfterRead=true"
                + "&destinationBucket=good-bucket&destinationPrefix=${date:now:yyyy}/");
        assertThatThrownBy(() -> endpoint.createConsumer(e -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("destinationPrefix ''").hasMessageContaining("the literal part before the first ${");
        Endpoint outside = context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&prefix=inbox/&moveAfterRead=true"
                + "&destinationBucket=good-bucket&destinationPrefix=archive/${date:now:yyyy}/");
        assertThat(outside.createConsumer(e -> { })).isNotNull();
    }

    @Test
    void onlyOneCredentialFailsNamingTheMissingOne() {
        assertThatThrownBy(() -> context.getEndpoint("s3legacy:good-bucket?accessKey=AKIDONLY"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(messages(e)).contains("secretKey").contains("accessKey"));
        assertThatThrownBy(() -> context.getEndpoint("s3legacy:good-bucket?secretKey=RAW(" + SECRET + ")"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(messages(e)).contains("missing: accessKey").doesNotContain(SECRET));
    }

    @Test
    void anInvalidBucketNameFailsNamingIt() {
        assertThatThrownBy(() -> context.getEndpoint("s3legacy:a"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(messages(e)).contains("Invalid bucket name 'a'"));
        assertThatThrownBy(() -> context.getEndpoint("s3legacy:bad..name"))
                .satisfies(e -> assertThat(messages(e)).contains("bad..name"));
    }

    @Test
    void goodOptionsAreAccepted() {
        Endpoint e = context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&signatureVersion=V2&maxRetries=5"
                + "&partSize=5242880&expiresIn=1&operation=listBucket&callingFormat=PATH&connectTimeout=2s");
        S3LegacyEndpoint s3 = (S3LegacyEndpoint) e;
        assertThat(s3.getConfiguration().getMaxRetries()).isEqualTo(5);
        assertThat(s3.getConfiguration().getConnectTimeout()).isEqualTo(2000);
        assertThat(s3.getConfiguration().getSecretKey()).isEqualTo(SECRET);
    }

    @Test
    void blockingTransportIsOnByDefaultAndCanBeTurnedOffPerEndpoint() {
        S3LegacyEndpoint byDefault = (S3LegacyEndpoint) context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")");
        assertThat(byDefault.getConnection().config().blockingTransport()).isTrue();
        S3LegacyEndpoint off = (S3LegacyEndpoint) context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&blockingTransport=false");
        assertThat(off.getConnection().config().blockingTransport()).isFalse();
        assertThatThrownBy(() -> context.getEndpoint(BASE + "&secretKey=RAW(" + SECRET + ")&blockingTransport=maybe"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(messages(e)).contains("blockingTransport"));
    }

    @Test
    void theSecretKeyNeverShowsInWhatCamelLogs() throws Exception {
        String uri = BASE + "&secretKey=RAW(" + SECRET + ")&operation=get";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:masked").routeId("masked").to(uri);
            }
        });
        Endpoint endpoint = context.getEndpoints().stream().filter(S3LegacyEndpoint.class::isInstance).findFirst().orElseThrow();
        // the endpoint holds the secret (it signs with it) ...
        assertThat(((S3LegacyEndpoint) endpoint).getConfiguration().getSecretKey()).isEqualTo(SECRET);
        // ... but every string Camel shows of it is masked
        String sanitized = URISupport.sanitizeUri(endpoint.getEndpointUri());
        assertThat(sanitized).doesNotContain(SECRET).contains("secretKey=xxxxxx");
        assertThat(endpoint.toString()).doesNotContain(SECRET).contains("secretKey=xxxxxx");
        assertThat(context.getEndpoints().toString()).doesNotContain(SECRET);
        assertThat(context.getRoute("masked").toString()).doesNotContain(SECRET);
        assertThat(context.getRouteDefinition("masked").toString()).doesNotContain(SECRET).contains("secretKey=xxxxxx");
        assertThat(context.getRoute("masked").getEndpoint().toString()).doesNotContain(SECRET);
        assertThat(((S3LegacyEndpoint) endpoint).getClientConfig().toString()).doesNotContain(SECRET).contains("secretKey=****");
        // Camel masks options by name (its list of sensitive names has secretKey and accessKey), and the
        // component's metadata marks both secret for tooling
        assertThat(SensitiveUtils.containsSensitive("secretKey")).isTrue();
        try (InputStream json = getClass().getClassLoader().getResourceAsStream("META-INF/dev/s3legacy/s3legacy.json")) {
            String schema = new String(json.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(schema).containsPattern("\"secretKey\": \\{[^}]*\"secret\": true")
                    .containsPattern("\"accessKey\": \\{[^}]*\"secret\": true");
        }
    }
}
