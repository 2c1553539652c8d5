package dev.s3legacy.examples.filetobucket;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/** Uploads each file of a folder (and its sub-folders) to a bucket, then moves the file into {@code .uploaded/}. */
public class FileToBucketRoutes extends RouteBuilder {

    static final String LOG = "dev.s3legacy.examples.filetobucket";

    @Override
    public void configure() {
        // readLock=changed: a file is taken only once its size stopped changing (someone may still be writing it).
        // move=.uploaded: after a successful upload; a failed one leaves the file, and the next poll tries again.
        from("file:{{example.folder}}?recursive=true&move=.uploaded&readLock=changed&readLockCheckInterval=300&delay=500")
                .routeId("file-to-bucket")
                // the key: prefix + path below the folder, with / between folders on every OS
                .setHeader(S3LegacyConstants.KEY, simple("{{example.keyPrefix}}${file:name}"))
                .process(e -> e.getMessage().setHeader(S3LegacyConstants.KEY,
                        e.getMessage().getHeader(S3LegacyConstants.KEY, String.class).replace('\\', '/')))
                // the File itself goes up (streamed from disk); the content type is guessed from the key
                .to("s3legacy:{{example.bucket}}")
                .log(LoggingLevel.INFO, LOG, "uploaded ${header.CamelFileAbsolutePath} as {{example.bucket}}/${header.CamelS3LegacyKey} "
                        + "(${header.CamelFileLength} bytes, ETag ${header.CamelS3LegacyETag})");

        // Sample files, so that something happens on a first run.
        from("timer:samples?repeatCount=1&delay=200").routeId("write-samples").autoStartup("{{example.writeSamples}}")
                .process(e -> {
                    Path folder = Path.of(getContext().resolvePropertyPlaceholders("{{example.folder}}"));
                    Files.createDirectories(folder.resolve("2024/q4"));
                    Files.writeString(folder.resolve("hello.txt"), "Hello from camel-s3legacy\n", StandardCharsets.UTF_8);
                    Files.writeString(folder.resolve("prices.csv"), "item,price\napple,1.20\npear,0.95\n", StandardCharsets.UTF_8);
                    Files.writeString(folder.resolve("2024/q4/report.json"), "{\"quarter\":\"2024-Q4\",\"total\":42}\n",
                            StandardCharsets.UTF_8);
                })
                .log(LoggingLevel.INFO, LOG, "wrote 3 sample files into {{example.folder}}; drop your own files there too");
    }
}
