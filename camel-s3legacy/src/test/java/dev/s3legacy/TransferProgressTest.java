package dev.s3legacy;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.ProgressListener;
import dev.s3legacy.client.TransferProgress;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress of long transfers (progressInterval, progressListener, header CamelS3LegacyTransferProgress, dev
 * console, JMX): uploads through a source stream that gives its bytes slowly (s3proxy), a ranged download whose
 * ranges WireMock dribbles out. The interval is 50 ms and the transfers take about a second by construction (a
 * throttled source, dribbled responses), so they span several ticks; nothing asserts a speed or a count of ticks
 * beyond "some".
 */
class TransferProgressTest {

    private static final int MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static S3ProxyServer server;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<TransferProgress> told = new CopyOnWriteArrayList<>();
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void start() throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(TransferWatcher.class)).addAppender(log);
        camel = new DefaultCamelContext();
        camel.setStreamCaching(false); // the slow source stream must reach the producer as it is
        camel.getRegistry().bind("progress", (ProgressListener) told::add);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(TransferWatcher.class)).detachAppender(log);
        camel.stop();
    }

    private static String s3proxy(String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&" + options;
    }

    private void createBucket(String bucket) {
        template.sendBody(s3proxy(bucket, "operation=createBucket"), null);
    }

    @Test
    void multipartUploadOfUnknownLengthLogsBytesSoFarAndEndsWithTheTotal() throws Exception {
        createBucket("progress-up");
        String uri = s3proxy("progress-up", "progressInterval=50&progressListener=#progress&partSize=" + 5 * MIB
                + "&multipartConcurrency=2");
        int size = 12 * MIB;
        Exchange sent = template.send(uri, e -> {
            e.getMessage().setHeader(S3LegacyConstants.KEY, "unknown.bin");
            e.getMessage().setBody(new SlowStream(size)); // no length: a multipart upload, spooled part by part
        });
        assertThat(sent.getException()).isNull();

        List<TransferProgress> ticks = ticksOf("unknown.bin");
        TransferProgress last = endsWithOneFinal("unknown.bin", ticks, TransferProgress.Direction.UPLOAD, size);
        // unknown until the stream ended (then known while the upload completes)
        assertThat(ticks.get(0).totalBytes()).isEqualTo(-1);
        assertThat(ticks).allSatisfy(p -> assertThat(p.totalBytes()).isIn(-1L, (long) size));
        assertThat(sent.getMessage().getHeader(S3LegacyConstants.TRANSFER_PROGRESS)).isEqualTo(last);

        List<String> lines = linesOf("unknown.bin");
        assertThat(lines).hasSize(ticks.size() + 1); // one per tick, then the final one
        for (int i = 0; i < ticks.size(); i++) {
            if (ticks.get(i).totalBytes() < 0) {
                assertThat(lines.get(i)).matches("upload progress-up/unknown\\.bin: [0-9.]+ (B|KiB|MiB) so far, .*");
            }
        }
        assertThat(lines.get(lines.size() - 1)).startsWith("upload progress-up/unknown.bin: done, 12.0 MiB in ");
        stopped(camel.getEndpoint(uri, S3LegacyEndpoint.class));
        assertThat(readBack("progress-up", "unknown.bin")).isEqualTo(size);
    }

    @Test
    void singlePutOfKnownLengthCountsBytesAsSentUpToTheTotal() throws Exception {
        createBucket("progress-put");
        String uri = s3proxy("progress-put", "progressInterval=50&progressListener=#progress");
        int size = 6 * MIB;
        Exchange sent = template.send(uri, e -> {
            e.getMessage().setHeader(S3LegacyConstants.KEY, "known.bin");
            e.getMessage().setHeader(S3LegacyConstants.CONTENT_LENGTH, (long) size); // declared: one streamed PUT
            e.getMessage().setBody(new SlowStream(size));
        });
        assertThat(sent.getException()).isNull();

        List<TransferProgress> ticks = ticksOf("known.bin");
        endsWithOneFinal("known.bin", ticks, TransferProgress.Direction.UPLOAD, size);
        assertThat(ticks).allSatisfy(p -> assertThat(p.totalBytes()).isEqualTo(size));
        assertThat(ticks.stream().map(TransferProgress::bytesDone).distinct().count())
                .as("bytes counted as the stream is sent, not all at the end").isGreaterThan(1);
        List<String> lines = linesOf("known.bin");
        assertThat(lines).hasSize(ticks.size() + 1);
        assertThat(lines.get(0)).matches("upload progress-put/known\\.bin: [0-9.]+ (B|KiB|MiB) of 6\\.0 MiB \\(\\d+%\\), .*");
        stopped(camel.getEndpoint(uri, S3LegacyEndpoint.class));
    }

    @Test
    void progressIntervalZeroWatchesNothing() throws Exception {
        createBucket("progress-off");
        String uri = s3proxy("progress-off", "progressInterval=0&progressListener=#progress");
        Exchange sent = template.send(uri, e -> {
            e.getMessage().setHeader(S3LegacyConstants.KEY, "off.bin");
            e.getMessage().setBody(new SlowStream(2 * MIB));
        });
        assertThat(sent.getException()).isNull();
        assertThat(told).isEmpty();
        assertThat(log.list).isEmpty();
        assertThat(sent.getMessage().getHeader(S3LegacyConstants.TRANSFER_PROGRESS)).isNull();
        assertThat(readBack("progress-off", "off.bin")).isEqualTo(2 * MIB);
    }

    @Test
    void anUploadThatFailsEndsWithOneFailedSnapshotAndNoTickLeft() throws Exception {
        createBucket("progress-bad");
        String uri = s3proxy("progress-bad", "progressInterval=50&progressListener=#progress");
        Exchange sent = template.send(uri, e -> {
            e.getMessage().setHeader(S3LegacyConstants.KEY, "bad.bin");
            e.getMessage().setHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION, "bogus"); // refused before the upload starts
            e.getMessage().setBody(new SlowStream(MIB));
        });
        assertThat(sent.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(told).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(TransferProgress.State.FAILED);
            assertThat(p.key()).isEqualTo("bad.bin");
        });
        assertThat(log.list).as("a transfer shorter than the interval logs nothing").isEmpty();
        stopped(camel.getEndpoint(uri, S3LegacyEndpoint.class));
    }

    @Test
    void rangedDownloadIsMonotoneUpToTheTotalAndShownInTheDevConsoleAndJmxWhileItRuns() throws Exception {
        int size = MIB;
        int part = 256 * 1024;
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        for (int offset = 0; offset < size; offset += part) {
            wm.stubFor(get(urlPathEqualTo("/dls/big.bin")).withHeader("Range", equalTo("bytes=" + offset + "-" + (offset + part - 1)))
                    .willReturn(aResponse().withStatus(206).withHeader("ETag", "\"0123456789abcdef-4\"")
                            .withHeader("Content-Range", "bytes " + offset + "-" + (offset + part - 1) + "/" + size)
                            .withBody(Arrays.copyOfRange(data, offset, offset + part)).withChunkedDribbleDelay(8, 400)));
        }
        String uri = "s3legacy:dls?endpoint=http://127.0.0.1:" + wm.getPort() + "&operation=get&downloadPartSize=" + part
                + "&downloadConcurrency=2&progressInterval=50&progressListener=#progress";
        S3LegacyEndpoint endpoint = camel.getEndpoint(uri, S3LegacyEndpoint.class);

        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:download").to(uri).convertBodyTo(byte[].class); // the spool file goes with the exchange
            }
        });
        var download = template.asyncSend("direct:download", e -> e.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin"));
        await("the download shows in JMX", () -> endpoint.getTransfersInProgress() == 1);
        assertThat(endpoint.getTransferProgress()).singleElement().asString().startsWith("download dls/big.bin: ");
        JsonObject transfer = transferInConsole();
        assertThat(transfer.getString("key")).isEqualTo("big.bin");
        assertThat(transfer.getString("direction")).isEqualTo("DOWNLOAD");
        assertThat(transfer.getLong("bytesDone")).isBetween(0L, (long) size);

        Exchange got = download.get();
        assertThat(got.getException()).isNull();
        assertThat(got.getMessage().getBody(byte[].class)).isEqualTo(data);
        assertThat(got.getMessage().getHeader(S3LegacyConstants.TRANSFER_PROGRESS, TransferProgress.class).bytesDone()).isEqualTo(size);
        List<TransferProgress> ticks = ticksOf("big.bin");
        endsWithOneFinal("big.bin", ticks, TransferProgress.Direction.DOWNLOAD, size);
        // unknown only until the first range's Content-Range told the object's length
        assertThat(ticks).allSatisfy(p -> assertThat(p.totalBytes()).isIn(-1L, (long) size));
        assertThat(ticks.get(ticks.size() - 1).totalBytes()).isEqualTo(size);
        assertThat(linesOf("big.bin")).hasSize(ticks.size() + 1);
        assertThat(endpoint.getTransfersInProgress()).isZero();
        assertThat(endpoint.getTransferProgress()).isEmpty();
        stopped(endpoint);
    }

    @SuppressWarnings("unchecked")
    private JsonObject transferInConsole() {
        DevConsole console = PluginHelper.getDevConsoleResolver(camel).resolveDevConsole("s3legacy");
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        List<JsonObject> transfers = new ArrayList<>();
        for (JsonObject e : (List<JsonObject>) json.get("endpoints")) {
            transfers.addAll((List<JsonObject>) e.get("transfers"));
        }
        assertThat(transfers).hasSize(1);
        assertThat((String) console.call(DevConsole.MediaType.TEXT)).contains("Transfer: download dls/big.bin: ");
        return transfers.get(0);
    }

    /** The running snapshots the listener got for {@code key}: some, bytes never going back. */
    private List<TransferProgress> ticksOf(String key) {
        List<TransferProgress> ticks = told.stream().filter(p -> p.key().equals(key) && !p.isFinal()).toList();
        assertThat(ticks).as("ticks of a transfer that ran for several intervals").isNotEmpty();
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).bytesDone()).as("bytes done never go back").isGreaterThanOrEqualTo(ticks.get(i - 1).bytesDone());
        }
        return ticks;
    }

    /** The last snapshot told is the only final one: completed, all bytes, no fewer than the last tick's. */
    private TransferProgress endsWithOneFinal(String key, List<TransferProgress> ticks, TransferProgress.Direction direction, long size) {
        List<TransferProgress> all = told.stream().filter(p -> p.key().equals(key)).toList();
        TransferProgress last = all.get(all.size() - 1);
        assertThat(all.stream().filter(TransferProgress::isFinal)).containsExactly(last);
        assertThat(last.state()).isEqualTo(TransferProgress.State.COMPLETED);
        assertThat(last.direction()).isEqualTo(direction);
        assertThat(last.bytesDone()).isEqualTo(size);
        assertThat(last.totalBytes()).isEqualTo(size);
        assertThat(last.timeLeft()).isEqualTo(Duration.ZERO);
        assertThat(last.bytesDone()).isGreaterThanOrEqualTo(ticks.get(ticks.size() - 1).bytesDone());
        return last;
    }

    /** Log lines of the transfers of {@code key}, all at INFO. */
    private List<String> linesOf(String key) {
        List<ILoggingEvent> events = log.list.stream().filter(e -> e.getFormattedMessage().contains("/" + key + ": ")).toList();
        assertThat(events).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO));
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** After the end: no tick task left, and no snapshot told later, even after a few more intervals. */
    private void stopped(S3LegacyEndpoint endpoint) {
        assertThat(endpoint.transfers().scheduledTicks()).isZero();
        int before = told.size();
        int lines = log.list.size();
        try {
            Thread.sleep(250); // five intervals: any tick still scheduled would have told something
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(told).hasSize(before);
        assertThat(log.list).hasSize(lines);
    }

    private int readBack(String bucket, String key) {
        byte[] body = template.requestBodyAndHeader(s3proxy(bucket, "operation=get&progressInterval=0"), null,
                S3LegacyConstants.KEY, key, byte[].class);
        return body.length;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** {@code size} bytes given at most 64 KiB a read, each read after a pause of 4 ms: about 16 MB/s. */
    private static final class SlowStream extends InputStream {
        private long left;

        SlowStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            try {
                Thread.sleep(4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int n = (int) Math.min(Math.min(len, 64 * 1024), left);
            Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
        }
    }
}
