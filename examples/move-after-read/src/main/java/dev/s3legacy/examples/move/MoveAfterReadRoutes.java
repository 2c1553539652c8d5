package dev.s3legacy.examples.move;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * incoming bucket -> count the CSV rows -> summary object in the results bucket; then (moveAfterRead)
 * the original goes to the archive bucket. The move happens only when the whole exchange succeeded: if
 * writing the result fails, the original stays in incoming and a later poll delivers it again.
 */
public class MoveAfterReadRoutes extends RouteBuilder {

    static final String LOG = "dev.s3legacy.examples.move";

    @Override
    public void configure() {
        from("s3legacy:{{example.incoming}}?moveAfterRead=true&destinationBucket={{example.archive}}"
                + "&destinationPrefix={{example.archivePrefix}}&delay={{example.pollDelay}}").routeId("move-after-read")
                .log(LoggingLevel.INFO, LOG, "processing {{example.incoming}}/${header.CamelS3LegacyKey} "
                        + "(${header.CamelS3LegacyContentLength} bytes)")
                .process(e -> {
                    String csv = e.getMessage().getBody(String.class);
                    long rows = Math.max(0, csv.lines().filter(l -> !l.isBlank()).count() - 1); // minus the header line
                    String key = e.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                    e.getMessage().setBody("source=" + key + "\nrows=" + rows + "\n");
                    // what goes out: a new key, no metadata or content type carried over from the source
                    e.getMessage().removeHeaders("CamelS3Legacy*");
                    e.getMessage().removeHeader(Exchange.FILE_NAME);
                    e.getMessage().setHeader(S3LegacyConstants.KEY, "summaries/" + key + ".summary");
                    e.getMessage().setHeader(S3LegacyConstants.CONTENT_TYPE, "text/plain");
                    e.getMessage().setHeader("rows", rows);
                })
                .to("s3legacy:{{example.results}}")
                .log(LoggingLevel.INFO, LOG, "wrote {{example.results}}/${header.CamelS3LegacyKey} (${header.rows} rows); "
                        + "the original now moves to {{example.archive}}/{{example.archivePrefix}}");

        // Sample input.
        from("timer:samples?includeMetadata=true&repeatCount={{example.samples}}&delay=200&period=300").routeId("put-samples")
                .setHeader(S3LegacyConstants.KEY, simple("csv/batch-${exchangeProperty.CamelTimerCounter}.csv"))
                .setBody(simple("id,amount\n${exchangeProperty.CamelTimerCounter},10\n2,20\n3,30\n"))
                .to("s3legacy:{{example.incoming}}")
                .log(LoggingLevel.INFO, LOG, "(sample) put {{example.incoming}}/${header.CamelS3LegacyKey}");
    }
}
