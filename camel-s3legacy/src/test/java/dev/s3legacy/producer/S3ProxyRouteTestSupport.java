package dev.s3legacy.producer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Route tests against one in-process s3proxy per test class. Each test works in buckets of its own
 * (see {@link #newBucket}), so tests and signature versions never see each other's objects.
 */
abstract class S3ProxyRouteTestSupport extends CamelTestSupport {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // routes are added by each test, since they depend on its parameters
            }
        };
    }

    /** An endpoint URI on the test server, signed with {@code version}. */
    static String uri(SignatureVersion version, String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&signatureVersion=" + version
                + (options == null || options.isEmpty() ? "" : "&" + options);
    }

    /** A fresh, existing bucket for the calling test. */
    String newBucket(SignatureVersion version) {
        String bucket = "b" + BUCKETS.incrementAndGet() + "-" + version.name().toLowerCase();
        template.sendBody(uri(version, bucket, "operation=createBucket"), null);
        return bucket;
    }

    /** Puts {@code data} under {@code key} with the endpoint's default operation (put). */
    void put(SignatureVersion version, String bucket, String key, Object data) {
        template.sendBodyAndHeader(uri(version, bucket, null), data, S3LegacyConstants.KEY, key);
    }

    /** Sends one exchange to the endpoint and returns it (its exception, if any, is left on it). */
    Exchange call(SignatureVersion version, String bucket, String options, Object body, Map<String, Object> headers) {
        return template.send(uri(version, bucket, options), e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
        });
    }
}
