package dev.s3legacy.examples.poller;

import java.io.File;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * Polls a bucket and delivers each new object once: the consumer remembers what it delivered (by key
 * and ETag) in a {@link FileIdempotentRepository}, so a restart does not deliver old objects again, and
 * an object rewritten under the same key (a new ETag) counts as new.
 */
public class BucketPollerRoutes extends RouteBuilder {

    static final String LOG = "dev.s3legacy.examples.poller";

    private final AtomicInteger fed = new AtomicInteger();

    @Override
    public void configure() {
        File seen = new File(getContext().resolvePropertyPlaceholders("{{example.seenFile}}"));
        // cacheSize: ids kept in memory; make it at least the number of objects the prefix holds, else
        // each poll reads the file again for the ones that fell out of the cache.
        bindToRegistry("seenObjects", FileIdempotentRepository.fileIdempotentRepository(seen, 100_000));

        from("s3legacy:{{example.bucket}}?prefix={{example.prefix}}&idempotentRepository=#seenObjects"
                + "&delay={{example.pollDelay}}").routeId("bucket-poller")
                .log(LoggingLevel.INFO, LOG, "new object ${header.CamelS3LegacyKey}: ${header.CamelS3LegacyContentLength} bytes, "
                        + "ETag ${header.CamelS3LegacyETag}, last modified ${header.CamelS3LegacyLastModified}, "
                        + "metadata ${header.CamelS3LegacyMetadata}")
                // the body streams from memory or from a spooled temporary file; the file component writes it out
                .to("file:{{example.downloads}}");

        // Sample objects (stand-in for whoever writes to the bucket).
        from("timer:feed?delay=300&period={{example.feedEvery}}").routeId("feed-bucket").autoStartup("{{example.feed}}")
                .process(e -> {
                    int n = fed.incrementAndGet();
                    e.getMessage().setHeader(S3LegacyConstants.KEY, "orders/order-" + System.currentTimeMillis() + "-" + n + ".json");
                    e.getMessage().setHeader(S3LegacyConstants.METADATA, Map.of("customer", "c-" + (100 + n)));
                    e.getMessage().setBody("{\"order\":" + n + ",\"at\":\"" + Instant.now() + "\"}");
                })
                .to("s3legacy:{{example.bucket}}")
                .log(LoggingLevel.INFO, LOG, "(feeder) put ${header.CamelS3LegacyKey}");
    }
}
