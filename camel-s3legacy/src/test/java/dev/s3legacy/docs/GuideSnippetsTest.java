package dev.s3legacy.docs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.s3legacy.S3LegacyComponent;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.model.ListEntry;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes the user guide shows, run as written (bucket names aside) against s3proxy. */
class GuideSnippetsTest {

    static S3ProxyServer server;
    static S3Connection s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).build());
        for (String bucket : List.of("my-bucket", "incoming", "elsewhere", "documents")) {
            s3.createBucket(bucket);
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    /** A context whose s3legacy component points at the server, as the guide's properties would. */
    private static CamelContext context(RouteBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        S3LegacyComponent component = context.getComponent("s3legacy", S3LegacyComponent.class);
        component.getConfiguration().setEndpoint(server.endpoint());
        component.getConfiguration().setAccessKey(S3ProxyServer.ACCESS_KEY);
        component.getConfiguration().setSecretKey(S3ProxyServer.SECRET_KEY);
        context.addRoutes(routes);
        context.start();
        return context;
    }

    @Test
    @Timeout(30)
    void listingLoopFollowsEveryPage() throws Exception {
        for (int i = 1; i <= 5; i++) {
            s3.put("my-bucket", "logs/day-" + i + ".log", RequestBody.ofString("line " + i));
        }
        s3.put("my-bucket", "other/x.txt", RequestBody.ofString("x"));
        List<String> keys = new CopyOnWriteArrayList<>();
        try (CamelContext context = context(new RouteBuilder() {
            @Override
            public void configure() {
                // as in the guide, with maxKeys=2 so that there are three pages
                from("direct:listAll")
                    .loopDoWhile(simple("${header.CamelS3LegacyIsTruncated} != false"))
                        .setHeader("CamelS3LegacyMarker", header("CamelS3LegacyNextMarker"))
                        .to("s3legacy:my-bucket?operation=listBucket&prefix=logs/&maxKeys=2")
                        .split(body()).process(e -> keys.add(e.getMessage().getBody(ListEntry.class).getKey())).end()
                    .end();
            }
        })) {
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:listAll", null);
            assertThat(keys).containsExactly("logs/day-1.log", "logs/day-2.log", "logs/day-3.log", "logs/day-4.log",
                    "logs/day-5.log");
        }
    }

    @Test
    @Timeout(30)
    void consumerHeadersAreRemovedBeforeWritingElsewhere() throws Exception {
        s3.put("incoming", "a.txt", RequestBody.ofString("alpha"), "text/plain", Map.of("origin", "test"));
        try (CamelContext context = context(new RouteBuilder() {
            @Override
            public void configure() {
                from("s3legacy:incoming?delay=100&initialDelay=0")
                    .removeHeaders("CamelS3Legacy*")
                    .setHeader("CamelS3LegacyKey", simple("copies/${header.CamelFileName}"))
                    .to("s3legacy:elsewhere");
            }
        })) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (s3.listBucket("elsewhere", "copies/", null, null, null).getEntries().isEmpty()) {
                assertThat(System.nanoTime()).as("copy written in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (var r = s3.get("elsewhere", "copies/a.txt")) {
                assertThat(r.body().asString()).isEqualTo("alpha");
            }
            assertThat(s3.listBucket("incoming", null, null, null, null).getEntries()).extracting(ListEntry::getKey)
                    .containsExactly("a.txt");
        }
    }

    @Test
    @Timeout(30)
    void putWithMetadataAsInTheGuide() throws Exception {
        try (CamelContext context = context(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:store")
                    .setHeader("CamelS3LegacyKey", simple("invoices/${date:now:yyyy/MM}/${header.invoiceId}.pdf"))
                    .process(e -> e.getMessage().setHeader(S3LegacyConstants.METADATA, Map.of("customer", "42")))
                    .to("s3legacy:documents?cannedAcl=private");
            }
        })) {
            context.createProducerTemplate().sendBodyAndHeader("direct:store", "%PDF-1.4", "invoiceId", "inv-7");
            ListEntry entry = s3.listBucket("documents", "invoices/", null, null, null).getEntries().get(0);
            assertThat(entry.getKey()).matches("invoices/\\d{4}/\\d{2}/inv-7\\.pdf");
            try (var r = s3.head("documents", entry.getKey())) {
                assertThat(r.metadata()).containsEntry("customer", List.of("42"));
                assertThat(r.contentType()).isEqualTo("application/pdf");
            }
        }
    }
}
