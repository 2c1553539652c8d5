package dev.s3legacy.producer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import dev.s3legacy.S3LegacyBody;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.test.FilesystemS3Proxy;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB object up and down through routes in a small heap (the {@code large-objects} surefire
 * execution runs this class alone with -Xmx64m): the upload streams from a generating InputStream of
 * known length, the download spools to a file (parallel ranges) and is read through a digest, never held,
 * and a second download is the network stream itself (spoolDownloads=false), read once through a digest. s3proxy
 * (filesystem store) runs in the same JVM and heap unless {@code -Ds3legacy.largeTests.server=fork}.
 */
@EnabledIfSystemProperty(named = "s3legacy.largeTests", matches = "true")
class LargeObjectMemoryTest extends CamelTestSupport {

    static final long SIZE = Long.getLong("s3legacy.largeTests.size", 1L << 30);

    @TempDir
    Path tmp;

    private FilesystemS3Proxy server;
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<Runnable> gcListeners = new ArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private volatile boolean sampling;
    private Thread sampler;

    @BeforeEach
    void startServerAndSampler() throws Exception {
        // s3proxy (filesystem store) fits in this JVM's 64 MiB beside the client, so both share the heap measured
        // here; -Ds3legacy.largeTests.server=fork runs it in a JVM of its own to measure the client alone
        server = "fork".equals(System.getProperty("s3legacy.largeTests.server"))
                ? FilesystemS3Proxy.fork(tmp.resolve("store"), System.getProperty("s3legacy.largeTests.serverHeap", "256m"))
                : FilesystemS3Proxy.start(tmp.resolve("store"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // the heap right after each collection: what was still reachable (an upper bound of the live data)
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationListener listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    peakAfterGc.accumulateAndGet(after, Math::max);
                    collections.incrementAndGet();
                }
            };
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            gcListeners.add(() -> {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(listener);
                } catch (ListenerNotFoundException ignored) {
                    // already gone
                }
            });
        }
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    @AfterEach
    void stopServerAndSampler() throws Exception {
        sampling = false;
        sampler.join();
        gcListeners.forEach(Runnable::run);
        server.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
            }
        };
    }

    /** Deterministic bytes (xorshift), produced as they are read: nothing of the object is ever in memory. */
    static final class GeneratedStream extends InputStream {
        private final long size;
        private long produced;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - produced);
            for (int i = 0; i < n; i++) {
                if ((produced + i & 7) == 0) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                }
                b[off + i] = (byte) (state >>> ((produced + i & 7) << 3));
            }
            produced += n;
            return n;
        }
    }

    private String uri(String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&signatureVersion=" + SignatureVersion.V4 + "&" + options;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    @Test
    void aGibibyteGoesUpAndComesBackThroughRoutesInASmallHeap() throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        String bucket = "large-objects";
        MessageDigest down = MessageDigest.getInstance("SHA-256");
        boolean[] spooledToFile = new boolean[1];
        MessageDigest downStreamed = MessageDigest.getInstance("SHA-256");
        boolean[] streamed = new boolean[1];
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a plain stream of known length, sent as it is read (stream caching would copy it into the heap)
                from("direct:put").noStreamCaching().to(uri(bucket, "operation=put&spoolDirectory=" + spool));
                from("direct:get").to(uri(bucket, "operation=get&spoolDirectory=" + spool)).process(x -> {
                    S3LegacyBody body = x.getMessage().getBody(S3LegacyBody.class);
                    spooledToFile[0] = !body.inMemory() && body.getSpooledBody().file().startsWith(spool);
                    try (InputStream in = x.getMessage().getBody(InputStream.class);
                         OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), down)) {
                        in.transferTo(sink);
                    }
                });
                // the body as the network stream (spoolDownloads=false): read once through a digest, nothing spooled
                from("direct:stream").noStreamCaching().to(uri(bucket, "operation=get&spoolDownloads=false&spoolDirectory=" + spool))
                        .process(x -> {
                            streamed[0] = x.getMessage().getBody() instanceof InputStream && !(x.getMessage().getBody() instanceof S3LegacyBody);
                            try (Stream<Path> files = Files.list(spool)) {
                                streamed[0] &= files.findAny().isEmpty();
                            }
                            try (InputStream in = x.getMessage().getBody(InputStream.class);
                                 OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), downStreamed)) {
                                in.transferTo(sink);
                            }
                        });
            }
        });
        template.sendBody(uri(bucket, "operation=createBucket"), null);

        long start = System.nanoTime();
        MessageDigest up = MessageDigest.getInstance("SHA-256");
        try (InputStream data = new DigestInputStream(new GeneratedStream(SIZE), up)) {
            Exchange put = template.send("direct:put", x -> {
                x.getMessage().setBody(data);
                x.getMessage().setHeader(S3LegacyConstants.KEY, "one-gib.bin");
                x.getMessage().setHeader(S3LegacyConstants.CONTENT_LENGTH, SIZE);
            });
            assertThat(put.getException()).isNull();
        }
        long putMillis = (System.nanoTime() - start) / 1_000_000;
        long peakAfterPut = peakHeap.get();

        Exchange head = template.send(uri(bucket, "operation=head"), x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "one-gib.bin"));
        assertThat(head.getMessage().getHeader(S3LegacyConstants.CONTENT_LENGTH)).isEqualTo(SIZE);

        long getStart = System.nanoTime();
        Exchange get = template.send("direct:get", x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "one-gib.bin"));
        assertThat(get.getException()).isNull();
        long getMillis = (System.nanoTime() - getStart) / 1_000_000;

        assertThat(spooledToFile[0]).as("the download was spooled to the spool directory").isTrue();
        String uploaded = HexFormat.of().formatHex(up.digest());
        assertThat(HexFormat.of().formatHex(down.digest())).isEqualTo(uploaded);
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("spool directory empty once the exchange completed").isEmpty();
        }
        long peakSpooledGet = peakHeap.get();

        long streamStart = System.nanoTime();
        Exchange stream = template.send("direct:stream", x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "one-gib.bin"));
        assertThat(stream.getException()).isNull();
        long streamMillis = (System.nanoTime() - streamStart) / 1_000_000;
        assertThat(streamed[0]).as("a plain stream body, nothing spooled").isTrue();
        assertThat(HexFormat.of().formatHex(downStreamed.digest())).isEqualTo(uploaded);
        System.out.printf("LARGE-OBJECT unspooled get %d ms; heap peak used %d MiB after the spooled get, %d MiB at the end%n",
                streamMillis, mib(peakSpooledGet), mib(peakHeap.get()));
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        System.out.printf("LARGE-OBJECT %d MiB, s3proxy %s: put %d ms, get %d ms; heap peak used %d MiB (%d MiB by the end"
                        + " of the put), peak after GC %d MiB over %d collections, max heap %d MiB%n", mib(SIZE),
                "fork".equals(System.getProperty("s3legacy.largeTests.server")) ? "forked" : "in this JVM",
                putMillis, getMillis, mib(peakHeap.get()), mib(peakAfterPut), mib(peakAfterGc.get()), collections.get(), mib(max));
        assertThat(peakHeap.get()).isLessThan(max);
    }
}
