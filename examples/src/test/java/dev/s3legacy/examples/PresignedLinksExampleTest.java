package dev.s3legacy.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.examples.common.ExampleRunner;
import dev.s3legacy.examples.presign.PresignedLinkRoutes;
import dev.s3legacy.examples.presign.PresignedLinksExample;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.s3legacy.examples.ExampleTestSupport.await;
import static dev.s3legacy.examples.ExampleTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs examples/presigned-links: its client uploads and downloads through links; links are usable by anyone, once signed. */
class PresignedLinksExampleTest {

    @Test
    @Timeout(60)
    void linksWorkWithAPlainHttpClient() throws Exception {
        PresignedLinkRoutes routes = new PresignedLinkRoutes();
        try (ExampleRunner runner = ExampleTestSupport.isolated(PresignedLinksExample.runner(routes), "presigned-links").start();
             S3Connection s3 = ExampleTestSupport.client(runner)) {
            // the example's own client route: PUT through an upload link, GET through a download link
            await(Duration.ofSeconds(15), "the client route's download", () -> routes.lastDownloaded() != null);
            assertThat(routes.lastDownloaded()).isEqualTo("Hello through a pre-signed PUT\n");
            assertThat(text(s3, "shared", "greetings/hello.txt")).isEqualTo("Hello through a pre-signed PUT\n");

            // the service, called as another route would
            s3.put("shared", "reports/q4.txt", RequestBody.ofString("quarter four"));
            ProducerTemplate template = runner.context().createProducerTemplate();
            String link = template.requestBodyAndHeader("direct:downloadLink", null, S3LegacyConstants.KEY, "reports/q4.txt", String.class);
            assertThat(link).startsWith(runner.server().endpoint() + "/shared/reports/q4.txt?").contains("X-Amz-Expires=600");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("quarter four");

            // the signature covers the key: the same link with another key is refused
            String tampered = link.replace("/reports/q4.txt?", "/greetings/hello.txt?");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("SignatureDoesNotMatch");
            template.stop();
        }
    }
}
