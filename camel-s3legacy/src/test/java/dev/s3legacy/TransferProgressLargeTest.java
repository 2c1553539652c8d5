package dev.s3legacy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.s3legacy.client.ProgressListener;
import dev.s3legacy.client.TransferProgress;
import dev.s3legacy.test.GeneratedStream;
import dev.s3legacy.test.S3ProxyProcess;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress of the transfers the issue names, at their real size: a 300 MiB multipart upload and its parallel
 * ranged download (19 ranges of 16 MiB), each reporting every 100 ms to the log and a listener. Counts of ticks
 * and monotone byte figures are asserted, never a speed. Runs in the large-objects execution (its own JVM, small
 * heap; the store in a JVM of its own), off in the default run.
 */
@EnabledIfSystemProperty(named = "s3legacy.largeTests", matches = "true")
class TransferProgressLargeTest {

    private static final long MIB = 1024 * 1024;
    private static final long SIZE = 300 * MIB;

    @TempDir
    static Path tmp;
    private static S3ProxyProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyProcess.start(Files.createDirectory(tmp.resolve("server")), "512m");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a300MiBMultipartUploadAndItsRangedDownloadReportMonotoneProgressUpToTheTotal() throws Exception {
        List<TransferProgress> told = new CopyOnWriteArrayList<>();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger watcher = (Logger) LoggerFactory.getLogger(TransferWatcher.class);
        watcher.addAppender(log);
        CamelContext camel = new DefaultCamelContext();
        camel.setStreamCaching(false);
        camel.getRegistry().bind("progress", (ProgressListener) told::add);
        try {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String uri = "s3legacy:progress-large?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                    + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&progressInterval=100&progressListener=#progress"
                    + "&spoolDirectory=" + Files.createDirectory(tmp.resolve("spool"));
            template.sendBody(uri + "&operation=createBucket", null);

            Exchange put = template.send(uri, e -> {
                e.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin");
                e.getMessage().setHeader(S3LegacyConstants.CONTENT_LENGTH, SIZE); // above multipartThreshold: multipart
                e.getMessage().setBody(new GeneratedStream(SIZE, 42));
            });
            assertThat(put.getException()).isNull();
            assertProgress(told, log, TransferProgress.Direction.UPLOAD, "upload progress-large/big.bin: ");

            told.clear();
            log.list.clear();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // read within the route: the spool file goes when the exchange completes
                    from("direct:get").to(uri + "&operation=get").process(x -> {
                        try (InputStream body = x.getMessage().getBody(InputStream.class)) {
                            x.setProperty("sha256", sha256(body));
                        }
                    });
                }
            });
            Exchange get = template.send("direct:get", e -> e.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin"));
            assertThat(get.getException()).isNull();
            assertThat(get.getProperty("sha256")).isEqualTo(sha256(new GeneratedStream(SIZE, 42)));
            assertProgress(told, log, TransferProgress.Direction.DOWNLOAD, "download progress-large/big.bin: ");
            assertThat(get.getMessage().getHeader(S3LegacyConstants.TRANSFER_PROGRESS, TransferProgress.class).bytesDone())
                    .isEqualTo(SIZE);
        } finally {
            watcher.detachAppender(log);
            camel.stop();
        }
    }

    /** Some ticks, bytes never going back and growing across them, one final COMPLETED snapshot of all bytes. */
    private static void assertProgress(List<TransferProgress> told, ListAppender<ILoggingEvent> log,
                                       TransferProgress.Direction direction, String linePrefix) {
        List<TransferProgress> ticks = told.stream().filter(p -> !p.isFinal()).toList();
        assertThat(ticks).as("ticks of a " + direction + " that spans many intervals").hasSizeGreaterThan(1);
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).bytesDone()).as("bytes done never go back").isGreaterThanOrEqualTo(ticks.get(i - 1).bytesDone());
        }
        assertThat(ticks.stream().map(TransferProgress::bytesDone).distinct().count()).as("bytes counted as they move").isGreaterThan(1);
        assertThat(ticks).allSatisfy(p -> assertThat(p.direction()).isEqualTo(direction));
        TransferProgress last = told.get(told.size() - 1);
        assertThat(told.stream().filter(TransferProgress::isFinal)).containsExactly(last);
        assertThat(last.state()).isEqualTo(TransferProgress.State.COMPLETED);
        assertThat(last.bytesDone()).isEqualTo(SIZE);
        assertThat(last.totalBytes()).isEqualTo(SIZE);
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(ticks.size() + 1).allSatisfy(l -> assertThat(l).startsWith(linePrefix));
        assertThat(lines.get(lines.size() - 1)).startsWith(linePrefix + "done, 300.0 MiB in ");
        System.out.println("PROGRESS " + direction + ": " + ticks.size() + " ticks, first " + lines.get(0) + " | last " + lines.get(lines.size() - 1));
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            d.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
