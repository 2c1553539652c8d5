package dev.s3legacy.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.test.S3ProxyServer;

/**
 * Side-by-side throughput of s3legacy, camel-aws2-s3 and curl against the same servers on 127.0.0.1:
 * s3proxy (in this JVM) for small objects and listings, {@link NullS3Server} for large objects. Each
 * measurement of a Camel component runs in its own JVM with a fixed heap ({@link BenchCase}).
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec} (options: {@code -Dbench.size=1073741824
 * -Dbench.small=2000 -Dbench.keys=10000 -Dbench.heap=256m -Dbench.streamHeap=64m -Dbench.only=get,file,relay
 * -Dbench.childArgs=-Djdk.httpclient.bufsize=262144}).
 */
public final class Benchmark {

    private final long size = Long.getLong("bench.size", 1L << 30);
    private final int small = Integer.getInteger("bench.small", 2000);
    private final int keys = Integer.getInteger("bench.keys", 10_000);
    private final String heap = System.getProperty("bench.heap", "256m");
    private final String streamHeap = System.getProperty("bench.streamHeap", "64m");
    private final List<String[]> rows = new ArrayList<>();
    /** JVM options of every measured JVM, both components alike (-Dbench.childArgs="-Djdk.httpclient.bufsize=262144"). */
    private final List<String> childArgs = System.getProperty("bench.childArgs", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.childArgs").trim().split("\\s+"));
    private final List<String> only = System.getProperty("bench.only", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.only").split(","));

    public static void main(String[] args) throws Exception {
        new Benchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Path big = dir.resolve("big.bin");
        if (!Files.exists(big) || Files.size(big) != size) {
            try (OutputStream out = Files.newOutputStream(big); var in = new BenchCase.PatternStream(size)) {
                in.transferTo(out);
            }
        }
        boolean curl = new File("/usr/bin/curl").canExecute();
        try (NullS3Server nul = new NullS3Server(size); NullS3Server smallNul = new NullS3Server(4096);
             S3ProxyServer s3proxy = S3ProxyServer.start(512L << 20)) {
            String ak = S3ProxyServer.ACCESS_KEY;
            String sk = S3ProxyServer.SECRET_KEY;
            if (runs("small") || runs("list")) {
                seed(s3proxy);
            }
            String n = nul.endpoint();
            String p = s3proxy.endpoint();

            if (runs("put")) {
                if (curl) {
                    time("PUT 1 GiB file", "curl", size, () -> exec("curl", "-s", "-f", "-o", "/dev/null", "-T", big.toString(),
                            n + "/bench/curl-big"));
                }
                child("PUT 1 GiB file", "s3legacy", "putFile", n, "bench", ak, sk, big.toString(), heap);
                child("PUT 1 GiB file", "aws2s3", "putFile", n, "bench", ak, sk, big.toString(), heap);

                child("PUT 1 GiB stream, unknown length", "s3legacy", "putStream", n, "bench", ak, sk, Long.toString(size), streamHeap);
                child("PUT 1 GiB stream, unknown length", "aws2s3", "putStream", n, "bench", ak, sk, Long.toString(size), heap);
            }

            if (runs("get")) {
                String name = "GET 1 GiB read through";
                if (curl) {
                    time(name, "curl", size, () -> exec("curl", "-s", "-f", "-o", "/dev/null", n + "/bench/big"));
                }
                // the bound of a spooled read: writing the bytes to the spool directory's page cache and reading them back
                time(name, "bound: write+read " + System.getProperty("java.io.tmpdir"), size, () -> pageCacheRoundTrip(size));
                child(name, "s3legacy", "getBig", n, "bench", ak, sk, "", heap);
                child(name, "s3legacy-single", "getBig", n, "bench", ak, sk, "", heap);
                child(name, "s3legacy-stream", "getBig", n, "bench", ak, sk, "", heap);
                child(name, "aws2s3", "getBig", n, "bench", ak, sk, "", heap);
                if (Files.isDirectory(Path.of("/dev/shm"))) {
                    child(name, "s3legacy-tmpfs", "getBig", n, "bench", ak, sk, "", heap);
                }
            }

            if (runs("file")) {
                String name = "GET 1 GiB to a file";
                Path out = Files.createDirectories(Path.of(BenchCase.FILE_DIR));
                if (curl) {
                    Path curlOut = out.resolve("curl-get.bin");
                    time(name, "curl -o", size, () -> exec("curl", "-s", "-f", "-o", curlOut.toString(), n + "/bench/big"));
                    Files.delete(curlOut);
                }
                child(name, "s3legacy", "getFile", n, "bench", ak, sk, "", heap);
                child(name, "s3legacy-single", "getFile", n, "bench", ak, sk, "", heap);
                child(name, "aws2s3", "getFile", n, "bench", ak, sk, "", heap);
            }

            if (runs("relay")) {
                // a network path: 50 MiB/s per connection, 10 ms added to each request
                try (ThrottlingRelay relay = new ThrottlingRelay(nul.port(), 50L << 20, 10)) {
                    String name = "GET 1 GiB via relay (50 MiB/s per connection, +10 ms)";
                    String r = relay.endpoint();
                    if (curl) {
                        time(name, "curl", size, () -> exec("curl", "-s", "-f", "-o", "/dev/null", r + "/bench/big"));
                    }
                    child(name, "aws2s3", "getBig", r, "bench", ak, sk, "", heap);
                    child(name, "s3legacy", "getBig", r, "bench", ak, sk, "", heap);
                    child(name, "s3legacy-single", "getBig", r, "bench", ak, sk, "", heap);
                }
            }

            for (String c : runs("small") ? List.of("putSmall1", "putSmall8", "getSmall1", "getSmall8") : List.<String>of()) {
                String name = (c.startsWith("put") ? "PUT " : "GET ") + small + " x 4 KiB, " + c.charAt(c.length() - 1) + " in flight";
                child(name, "aws2s3", c, p, "bench", ak, sk, Integer.toString(small), heap);
                child(name, "s3legacy", c, p, "bench", ak, sk, Integer.toString(small), heap);
            }
            // The same small requests against the null server: what each client itself costs, without s3proxy's work.
            for (String c : runs("smallnull") ? List.of("putSmall1", "putSmall8", "getSmall1", "getSmall8") : List.<String>of()) {
                String name = (c.startsWith("put") ? "PUT " : "GET ") + small + " x 4 KiB, " + c.charAt(c.length() - 1)
                        + " in flight, null server";
                child(name, "aws2s3", c, smallNul.endpoint(), "bench", ak, sk, Integer.toString(small), heap);
                child(name, "s3legacy", c, smallNul.endpoint(), "bench", ak, sk, Integer.toString(small), heap);
            }
            if (runs("list")) {
                child("LIST " + keys + " keys", "aws2s3", "list", p, "bench", ak, sk, "list/", heap);
                child("LIST " + keys + " keys", "s3legacy", "list", p, "bench", ak, sk, "list/", heap);
            }
        }
        print();
    }

    /** Whether a section runs: all by default, else those named in -Dbench.only (put,get,file,relay,small,smallnull,list). */
    private boolean runs(String section) {
        return only.isEmpty() || only.contains(section);
    }

    /** Writes {@code size} bytes to a new file in java.io.tmpdir (page cache, no sync) and reads them back. */
    private static void pageCacheRoundTrip(long size) throws Exception {
        Path file = Files.createTempFile("s3legacy-bench-bound", ".tmp");
        try {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(256 * 1024);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                for (long left = size; left > 0; ) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    left -= ch.write(buffer);
                }
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                while (buffer.clear() != null && ch.read(buffer) > 0) {
                    // read back, as a route reading the spooled body does
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    /** The bucket, the small objects both tools read, and the keys to list. */
    private void seed(S3ProxyServer s3proxy) throws Exception {
        S3Connection s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(s3proxy.endpoint()).build());
        s3.createBucket("bench");
        Semaphore slots = new Semaphore(16);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < keys + Math.min(small, 2000); i++) {
            String key = i < keys ? String.format("list/%06d", i) : "small/" + (i - keys);
            slots.acquire();
            CompletableFuture<?> f = s3.executeAsync(S3Requests.put("bench", key, RequestBody.ofBytes(new byte[i < keys ? 1 : 4096]), null, null));
            f.whenComplete((r, e) -> slots.release());
            all.add(f);
        }
        for (CompletableFuture<?> f : all) {
            f.join();
        }
    }

    private void child(String name, String tool, String benchCase, String endpoint, String bucket, String ak, String sk,
                       String arg, String xmx) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx));
        cmd.addAll(childArgs);
        cmd.add("-Dbench.warm=" + System.getProperty("bench.warm", "500"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCase.class.getName(), tool, benchCase, endpoint, bucket,
                ak, sk, arg));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (line.contains("Exception") || line.contains("Error")) {
                    if (tail.length() < 400) {
                        tail.append(line, 0, Math.min(line.length(), 200)).append(' ');
                    }
                }
            }
        }
        int exit = process.waitFor();
        if (result == null) {
            rows.add(new String[] {name, tool + " (-Xmx" + xmx + ")", "FAILED (exit " + exit + ")", "", "", "", tail.toString().trim()});
            System.out.println(name + " / " + tool + ": FAILED " + tail);
            return;
        }
        String[] f = result.split(" ");
        long bytes = Long.parseLong(f[3]);
        long ops = Long.parseLong(f[4]);
        double seconds = Double.parseDouble(f[5]);
        rows.add(new String[] {name, tool + " (-Xmx" + xmx + ")", rate(bytes, ops, seconds), String.format(Locale.ROOT, "%.2f", seconds),
                f[6] + " / " + f[8], f[7], ""});
        System.out.println(name + " / " + tool + ": " + rate(bytes, ops, seconds) + " in " + f[5] + " s, heap peak " + f[6] + " MiB");
    }

    private void time(String name, String tool, long bytes, ThrowingRunnable action) throws Exception {
        long t0 = System.nanoTime();
        action.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        rows.add(new String[] {name, tool, rate(bytes, 1, seconds), String.format(Locale.ROOT, "%.2f", seconds), "", "", ""});
        System.out.println(name + " / " + tool + ": " + rate(bytes, 1, seconds));
    }

    private static String rate(long bytes, long ops, double seconds) {
        if (ops > 1 || bytes == 0) {
            return String.format(Locale.ROOT, "%.0f ops/s", ops / seconds);
        }
        return String.format(Locale.ROOT, "%.0f MB/s", bytes / 1e6 / seconds);
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    /** The table, with each row's ratio to the first row of its case (curl, else camel-aws2-s3). */
    private void print() {
        System.out.println();
        System.out.println("measured JVMs: -Xmx as shown" + (childArgs.isEmpty() ? "" : ", " + String.join(" ", childArgs)));
        System.out.printf("%-50s %-26s %14s %9s %8s %26s %8s%n", "case", "tool", "rate", "seconds", "ratio", "heap MiB (peak / after GC)",
                "cpu s");
        String currentCase = null;
        double baseline = 0;
        for (String[] r : rows) {
            double value = r[2].startsWith("FAILED") ? 0 : Double.parseDouble(r[2].split(" ")[0]);
            if (!r[0].equals(currentCase)) {
                currentCase = r[0];
                baseline = value;
            }
            String ratio = baseline > 0 && value > 0 ? String.format(Locale.ROOT, "%.2fx", value / baseline) : "";
            System.out.printf("%-50s %-26s %14s %9s %8s %26s %8s %s%n", r[0], r[1], r[2], r[3], ratio, r[4], r[5], r[6]);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
