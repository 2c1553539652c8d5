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
        return "s3legacy:smoke-bucket?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
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

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            public void configure() {
            }
        };
    }
}
