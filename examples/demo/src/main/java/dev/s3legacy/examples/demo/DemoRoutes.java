package dev.s3legacy.examples.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The demo's routes: files dropped into a folder are uploaded to a bucket; a poller delivers each new
 * object once, logs it and archives it to a second bucket; every few seconds a pre-signed link to the
 * newest archived object is made and fetched with a plain HTTP client.
 */
public class DemoRoutes extends RouteBuilder {

    static final String LOG = "dev.s3legacy.examples.demo";

    /** What the demo did, for the closing summary and the tests. */
    public static final class Stats {
        public final AtomicInteger dropped = new AtomicInteger();
        public final AtomicInteger uploaded = new AtomicInteger();
        public final AtomicInteger received = new AtomicInteger();
        public final AtomicInteger linksFetched = new AtomicInteger();
        public volatile int archived;

        @Override
        public String toString() {
            return "dropped " + dropped + " files, uploaded " + uploaded + ", received " + received
                    + " from the inbox bucket, " + archived + " in the archive, fetched " + linksFetched
                    + " pre-signed links";
        }
    }

    private final Stats stats = new Stats();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Stats stats() {
        return stats;
    }

    @Override
    public void configure() {
        // 1. Stand-in for you: drop a few files into the outbox folder (written under a hidden temporary
        //    name and renamed, so the upload route never sees half a file).
        from("timer:drop?delay=500&period={{demo.dropEvery}}&repeatCount={{demo.files}}").routeId("drop-files")
                .process(e -> {
                    int n = stats.dropped.incrementAndGet();
                    e.getMessage().setHeader(Exchange.FILE_NAME, "report-" + n + ".txt");
                    e.getMessage().setBody("Report " + n + ", written " + Instant.now() + "\n" + "x".repeat(100 * n) + "\n");
                })
                .to("file:{{demo.outbox}}?tempPrefix=.writing-")
                .log(LoggingLevel.INFO, LOG, "[1 drop]    wrote ${header.CamelFileName} into folder {{demo.outbox}}");

        // 2. Upload: every file that appears in the folder becomes an object (key = file name) with user
        //    metadata; the file is deleted once the upload succeeded.
        from("file:{{demo.outbox}}?delete=true&delay=500").routeId("upload")
                .process(e -> {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    metadata.put("source", "demo-outbox");
                    metadata.put("original-name", e.getMessage().getHeader(Exchange.FILE_NAME, String.class));
                    e.getMessage().setHeader(S3LegacyConstants.METADATA, metadata);
                })
                .to("s3legacy:{{demo.inbox}}")
                .process(e -> stats.uploaded.incrementAndGet())
                .log(LoggingLevel.INFO, LOG, "[2 upload]  put ${header.CamelFileName} into bucket {{demo.inbox}} "
                        + "(${header.CamelFileLength} bytes, ETag ${header.CamelS3LegacyETag})");

        // 3. Poll: each new object of the inbox bucket is delivered once; after the exchange succeeded the
        //    consumer moves it to the archive bucket under archived/ (moveAfterRead).
        from("s3legacy:{{demo.inbox}}?moveAfterRead=true&destinationBucket={{demo.archive}}&destinationPrefix=archived/"
                + "&delay={{demo.pollDelay}}").routeId("poll-and-archive")
                .process(e -> {
                    stats.received.incrementAndGet();
                    String text = e.getMessage().getBody(String.class);
                    e.getMessage().setHeader("firstLine", text.lines().findFirst().orElse(""));
                })
                .log(LoggingLevel.INFO, LOG, "[3 poll]    got ${header.CamelS3LegacyKey} from bucket {{demo.inbox}}: "
                        + "${header.CamelS3LegacyContentLength} bytes, metadata ${header.CamelS3LegacyMetadata}, "
                        + "first line '${header.firstLine}'; on success it moves to {{demo.archive}}/archived/");

        // 4. Share: list the archive, pre-sign a GET of the newest object (presign=true sends nothing, it
        //    returns the URL), then download it with java.net.http and no credentials at all.
        from("timer:share?delay={{demo.firstLinkAfter}}&period={{demo.linkEvery}}").routeId("share-link")
                .to("s3legacy:{{demo.archive}}?operation=listBucket&prefix=archived/")
                .process(e -> {
                    List<?> entries = e.getMessage().getBody(List.class);
                    stats.archived = entries.size();
                    e.getMessage().setHeader("archived", entries.size());
                    entries.stream().map(ListEntry.class::cast).max(Comparator.comparing(ListEntry::getLastModified)
                                    .thenComparing(ListEntry::getKey))
                            .ifPresent(newest -> e.getMessage().setHeader(S3LegacyConstants.KEY, newest.getKey()));
                })
                .choice()
                    .when(header(S3LegacyConstants.KEY).isNull())
                        .log(LoggingLevel.INFO, LOG, "[4 share]   the archive bucket {{demo.archive}} is still empty")
                    .otherwise()
                        .to("s3legacy:{{demo.archive}}?operation=get&presign=true&expiresIn={{demo.linkExpiresIn}}")
                        .log(LoggingLevel.INFO, LOG, "[4 share]   bucket {{demo.archive}} holds ${header.archived} "
                                + "archived objects; pre-signed link to ${header.CamelS3LegacyKey}: ${header.CamelS3LegacyPresignedUrl}")
                        .process(e -> {
                            String url = e.getMessage().getHeader(S3LegacyConstants.PRESIGNED_URL, String.class);
                            HttpResponse<byte[]> response = http.send(
                                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() == 200) {
                                stats.linksFetched.incrementAndGet();
                            }
                            e.getMessage().setHeader("httpStatus", response.statusCode());
                            e.getMessage().setBody(response.body());
                        })
                        .log(LoggingLevel.INFO, LOG, "[4 share]   plain HTTP GET of the link, no credentials: HTTP "
                                + "${header.httpStatus}, ${body.length} bytes");
    }
}
