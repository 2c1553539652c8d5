package dev.s3legacy.examples.presign;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * A link service: {@code direct:downloadLink} and {@code direct:uploadLink} take a key (header
 * CamelS3LegacyKey) and return a pre-signed URL as the body. Nothing is sent to S3 when a link is
 * made: the URL carries its own signature and expiry, and whoever holds it can make that one request.
 */
public class PresignedLinkRoutes extends RouteBuilder {

    static final String LOG = "dev.s3legacy.examples.presign";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String lastDownloaded;

    /** What the client route downloaded through the last download link (for the tests). */
    public String lastDownloaded() {
        return lastDownloaded;
    }

    @Override
    public void configure() {
        // ---- the service
        from("direct:downloadLink").routeId("download-link")
                .to("s3legacy:{{example.bucket}}?operation=get&presign=true&expiresIn={{example.downloadExpiresIn}}");

        // A pre-signed PUT signs no Content-Type unless the message sets one; the uploader must then send
        // exactly that type. Here none is set, so any plain PUT works.
        from("direct:uploadLink").routeId("upload-link")
                .removeHeaders("Content-Type|CamelS3LegacyContentType")
                .to("s3legacy:{{example.bucket}}?operation=put&presign=true&expiresIn={{example.uploadExpiresIn}}");

        // ---- a client of the service, once at start: upload through an upload link, download through a download link
        from("timer:client?repeatCount=1&delay=200").routeId("link-client").autoStartup("{{example.client}}")
                .setHeader(S3LegacyConstants.KEY, constant("greetings/hello.txt"))
                .to("direct:uploadLink")
                .log(LoggingLevel.INFO, LOG, "upload link (valid {{example.uploadExpiresIn}} s): ${body}")
                .process(e -> {
                    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(e.getMessage().getBody(String.class)))
                            .PUT(HttpRequest.BodyPublishers.ofString("Hello through a pre-signed PUT\n")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    e.getMessage().setHeader("putStatus", put.statusCode());
                })
                .log(LoggingLevel.INFO, LOG, "plain HTTP PUT through the link: HTTP ${header.putStatus}")
                .to("direct:downloadLink")
                .log(LoggingLevel.INFO, LOG, "download link (valid {{example.downloadExpiresIn}} s): ${body}")
                .process(e -> {
                    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(e.getMessage().getBody(String.class)))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    e.getMessage().setHeader("getStatus", get.statusCode());
                    e.getMessage().setBody(get.body());
                    if (get.statusCode() == 200) {
                        lastDownloaded = get.body();
                    }
                })
                .log(LoggingLevel.INFO, LOG, "plain HTTP GET through the link: HTTP ${header.getStatus}, body: ${body.trim()}");
    }
}
