package dev.s3legacy;

import java.util.List;

import dev.s3legacy.client.model.ListEntry;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerSmokeTest extends CamelTestSupport {

    static S3ProxyServer server;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String uri(String options) {
        return uri("smoke-bucket", options);
    }

    private String uri(String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&" + options;
    }

    @Test
    void putGetList() throws Exception {
        template.sendBody(uri("operation=createBucket"), null);
        template.sendBodyAndHeader(uri("operation=put"), "hello", S3LegacyConstants.KEY, "a/b.txt");
        String got = template.requestBodyAndHeader(uri("operation=get"), null, S3LegacyConstants.KEY, "a/b.txt", String.class);
        assertThat(got).isEqualTo("hello");
        List<?> list = template.requestBody(uri("operation=listBucket&prefix=a/"), null, List.class);
        assertThat(list).extracting(e -> ((ListEntry) e).getKey()).containsExactly("a/b.txt");
    }

    @Test
    void streamOfUnknownLengthGoesUpAsMultipart() {
        template.sendBody(uri("smoke-stream", "operation=createBucket"), null);
        byte[] data = new byte[7 * 1024 * 1024];
        new java.util.Random(1).nextBytes(data);
        template.sendBodyAndHeader(uri("smoke-stream", "operation=put&partSize=5242880"), new java.io.ByteArrayInputStream(data),
                S3LegacyConstants.KEY, "stream.bin");
        byte[] got = template.requestBodyAndHeader(uri("smoke-stream", "operation=get"), null, S3LegacyConstants.KEY, "stream.bin", byte[].class);
        assertThat(got).isEqualTo(data);
        assertThat(template.request(uri("smoke-stream", "operation=head"), e -> e.getMessage().setHeader(S3LegacyConstants.KEY, "stream.bin"))
                .getMessage().getHeader(S3LegacyConstants.E_TAG, String.class)).endsWith("-2");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            public void configure() {
            }
        };
    }
}
