package dev.s3legacy.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import dev.s3legacy.S3LegacyConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;

/**
 * One measurement in its own JVM (fixed heap, nothing else running in it): one tool, one case.
 * Prints {@code RESULT tool case bytes ops seconds peakHeapMiB cpuSeconds}.
 *
 * <p>Usage: {@code BenchCase <s3legacy|aws2s3> <case> <endpoint> <bucket> <accessKey> <secretKey> <arg>}
 */
public final class BenchCase {

    public static void main(String[] args) throws Exception {
        String tool = args[0];
        String benchCase = args[1];
        String endpoint = args[2];
        String bucket = args[3];
        String accessKey = args[4];
        String secretKey = args[5];
        String arg = args.length > 6 ? args[6] : "";

        HeapSampler heap = new HeapSampler();
        heap.start();
        CamelContext context = new DefaultCamelContext();
        // Camel's stream caching would copy a plain InputStream body into the heap before either component
        // sees it; both components are measured on the body as the route hands it over.
        context.setStreamCaching(false);
        // s3legacy-tmpfs: the same component with its spool directory on tmpfs (/dev/shm)
        // s3legacy-stream: spoolDownloads=false (the body is the network stream)
        // s3legacy-single: downloadPartSize=0 (one plain GET, as before parallel ranges)
        String extra = tool.endsWith("stream") ? "&spoolDownloads=false" : tool.endsWith("single") ? "&downloadPartSize=0" : "";
        Tool t = tool.startsWith("s3legacy") ? new S3LegacyTool(endpoint, bucket, accessKey, secretKey,
                tool.endsWith("tmpfs") ? "/dev/shm" : System.getProperty("java.io.tmpdir"), extra)
                : new Aws2Tool(context, endpoint, bucket, accessKey, secretKey);
        context.addRoutes(t.routes());
        context.start();
        ProducerTemplate template = context.createProducerTemplate();

        if (benchCase.contains("Small")) {
            // warm up (JIT, connection pool) on the same kind of request, untimed, for both tools alike; the JIT is
            // still compiling after a few hundred requests (-Dbench.warm, default 500; 5000 gets closer to steady state)
            int warm = Integer.getInteger("bench.warm", 500);
            run(template, benchCase.startsWith("put") ? "direct:put" : "direct:get",
                    benchCase.startsWith("put") ? new byte[4096] : null, t.keyHeader(), "small/", warm, 8);
        }
        // A large case runs twice and the second run is timed: the first compiles (JIT) the path it takes, which a
        // long-running integration pays once, not per object. Both tools alike; -Dbench.cold=true times the first.
        boolean large = List.of("putFile", "putStream", "getBig", "getFile").contains(benchCase);
        int rounds = large && !Boolean.getBoolean("bench.cold") ? 2 : 1;
        long cpu0 = 0;
        long t0 = 0;
        long bytes = 0;
        long ops = 0;
        Path written = null;
        for (int round = 1; round <= rounds; round++) {
            if (round == rounds) {
                cpu0 = cpuNanos();
                t0 = System.nanoTime();
            }
            switch (benchCase) {
                case "putFile" -> {
                    Path file = Path.of(arg);
                    template.sendBodyAndHeaders("direct:put", file.toFile(), Map.of(t.keyHeader(), "big-file"));
                    bytes = file.toFile().length();
                    ops = 1;
                }
                case "putStream" -> {
                    long size = Long.parseLong(arg);
                    try (InputStream in = new PatternStream(size)) {
                        Exchange ex = template.send("direct:put", e -> {
                            e.getMessage().setBody(in);
                            e.getMessage().setHeader(t.keyHeader(), "big-stream");
                        });
                        if (ex.getException() != null) {
                            throw ex.getException();
                        }
                    }
                    bytes = size;
                    ops = 1;
                }
                case "getBig" -> {
                    bytes = template.requestBodyAndHeader("direct:get", null, t.keyHeader(), "big", Long.class);
                    ops = 1;
                }
                case "getFile" -> {
                    // the route writes the object with to("file:" + FILE_DIR); the file is deleted after the clock stops
                    Exchange ex = template.send("direct:getFile", e -> {
                        e.getMessage().setHeader(t.keyHeader(), "big");
                        e.getMessage().setHeader(Exchange.FILE_NAME, tool + "-get.bin");
                    });
                    if (ex.getException() != null) {
                        throw ex.getException();
                    }
                    written = Path.of(FILE_DIR, tool + "-get.bin");
                    bytes = java.nio.file.Files.size(written);
                    ops = 1;
                }
                case "putSmall1", "putSmall8" -> {
                    int count = Integer.parseInt(arg);
                    byte[] data = new byte[4096];
                    int inFlight = benchCase.endsWith("8") ? 8 : 1;
                    run(template, "direct:put", data, t.keyHeader(), "small/", count, inFlight);
                    bytes = (long) count * data.length;
                    ops = count;
                }
                case "getSmall1", "getSmall8" -> {
                    int count = Integer.parseInt(arg);
                    int inFlight = benchCase.endsWith("8") ? 8 : 1;
                    run(template, "direct:get", null, t.keyHeader(), "small/", count, inFlight);
                    bytes = (long) count * 4096;
                    ops = count;
                }
                case "list" -> {
                    ops = t.listAll(template, arg);
                    bytes = 0;
                }
                default -> throw new IllegalArgumentException("unknown case " + benchCase);
            }
            if (round < rounds && written != null) {
                java.nio.file.Files.delete(written);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        if (written != null) {
            java.nio.file.Files.delete(written); // after the clock stopped
        }
        context.stop();
        heap.stopSampling();
        System.out.printf("RESULT %s %s %d %d %.3f %.1f %.3f %.1f%n", tool, benchCase, bytes, ops, seconds,
                heap.peak() / 1048576.0, cpu, heap.peakAfterGc() / 1048576.0);
        System.exit(0);
    }

    /** {@code count} requests with at most {@code inFlight} outstanding. */
    private static void run(ProducerTemplate template, String uri, Object body, String keyHeader, String prefix,
                            int count, int inFlight) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<Object>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            CompletableFuture<Object> f = template.asyncRequestBodyAndHeader(uri, body, keyHeader, prefix + (i % 2000));
            f.whenComplete((r, e) -> slots.release());
            all.add(f);
        }
        for (CompletableFuture<Object> f : all) {
            f.get();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Reads a body through to the end, counting bytes: what a route that consumes the object does. */
    static long readThrough(Exchange exchange) throws Exception {
        InputStream in = exchange.getMessage().getBody(InputStream.class);
        long n;
        try (in) {
            n = in.transferTo(OutputStream.nullOutputStream());
        }
        exchange.getMessage().setBody(n);
        return n;
    }

    /** Where getFile writes: the bench directory, on the same file system as the spool directory unless told. */
    static final String FILE_DIR = System.getProperty("bench.fileDir", "target/bench/out");

    interface Tool {
        /** Routes direct:put, direct:get (read through), direct:getFile (to a file in {@code fileDir}) and direct:list. */
        RouteBuilder routes();

        String keyHeader();

        long listAll(ProducerTemplate template, String prefix) throws Exception;
    }

    static final class S3LegacyTool implements Tool {
        private final String uri;

        S3LegacyTool(String endpoint, String bucket, String accessKey, String secretKey, String spoolDirectory, String extra) {
            this.uri = "s3legacy:" + bucket + "?endpoint=" + endpoint + "&accessKey=RAW(" + accessKey + ")&secretKey=RAW("
                    + secretKey + ")&callingFormat=PATH&spoolDirectory=" + spoolDirectory + extra;
        }

        public RouteBuilder routes() {
            return new RouteBuilder() {
                public void configure() {
                    from("direct:put").to(uri + "&operation=put");
                    from("direct:get").to(uri + "&operation=get").process(BenchCase::readThrough);
                    from("direct:getFile").to(uri + "&operation=get").to("file:" + FILE_DIR);
                    from("direct:list").to(uri + "&operation=listBucket&maxKeys=1000");
                }
            };
        }

        public String keyHeader() {
            return S3LegacyConstants.KEY;
        }

        public long listAll(ProducerTemplate template, String prefix) {
            long count = 0;
            String marker = null;
            while (true) {
                String m = marker;
                Exchange ex = template.request("direct:list", e -> {
                    e.getMessage().setHeader(S3LegacyConstants.PREFIX, prefix);
                    e.getMessage().setHeader(S3LegacyConstants.MARKER, m);
                });
                count += ex.getMessage().getBody(List.class).size();
                if (!Boolean.TRUE.equals(ex.getMessage().getHeader(S3LegacyConstants.IS_TRUNCATED))) {
                    return count;
                }
                marker = ex.getMessage().getHeader(S3LegacyConstants.NEXT_MARKER, String.class);
            }
        }
    }

    static final class Aws2Tool implements Tool {
        private final String bucket;

        Aws2Tool(CamelContext context, String endpoint, String bucket, String accessKey, String secretKey) {
            this.bucket = bucket;
            S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    .build();
            context.getRegistry().bind("s3client", client);
        }

        public RouteBuilder routes() {
            String uri = "aws2-s3://" + bucket + "?amazonS3Client=#s3client&autoCreateBucket=false";
            return new RouteBuilder() {
                public void configure() {
                    from("direct:put").to(uri); // no operation: aws2-s3 uploads
                    from("direct:get").to(uri + "&operation=getObject").process(BenchCase::readThrough);
                    from("direct:getFile").to(uri + "&operation=getObject").to("file:" + FILE_DIR);
                    from("direct:list").to(uri + "&operation=listObjects&pojoRequest=true");
                }
            };
        }

        public String keyHeader() {
            return "CamelAwsS3Key";
        }

        public long listAll(ProducerTemplate template, String prefix) {
            long count = 0;
            String marker = null;
            while (true) {
                ListObjectsRequest request = ListObjectsRequest.builder().bucket(bucket).prefix(prefix).marker(marker).maxKeys(1000).build();
                List<?> page = template.requestBody("direct:list", request, List.class);
                count += page.size();
                if (page.size() < 1000) {
                    return count;
                }
                marker = ((software.amazon.awssdk.services.s3.model.S3Object) page.get(page.size() - 1)).key();
            }
        }
    }

    /** A stream of unknown length (no length hint anywhere) of {@code size} pattern bytes. */
    static final class PatternStream extends InputStream {
        private final byte[] pattern = NullS3Server.pattern();
        private long left;
        private long position;

        PatternStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return pattern[(int) (position++ % pattern.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; ) {
                int p = (int) (position % pattern.length);
                int chunk = Math.min(n - i, pattern.length - p);
                System.arraycopy(pattern, p, b, off + i, chunk);
                i += chunk;
                position += chunk;
            }
            left -= n;
            return n;
        }
    }

    /**
     * Samples heap use every few milliseconds and keeps two peaks: heap used (which includes garbage not
     * yet collected, so it mostly shows how far the collector let the young generation grow) and heap
     * used right after a collection (what was really live).
     */
    static final class HeapSampler extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final List<java.lang.management.MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                .toList();
        private volatile boolean running = true;
        private volatile long peak;
        private volatile long peakAfterGc;

        HeapSampler() {
            setDaemon(true);
        }

        public void run() {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                long afterGc = 0;
                for (var pool : heapPools) {
                    var usage = pool.getCollectionUsage();
                    afterGc += usage == null ? 0 : usage.getUsed();
                }
                peakAfterGc = Math.max(peakAfterGc, afterGc);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peakAfterGc() {
            return peakAfterGc;
        }

        void stopSampling() {
            running = false;
        }

        long peak() {
            return peak;
        }
    }
}
