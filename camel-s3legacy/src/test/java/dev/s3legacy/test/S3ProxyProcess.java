package dev.s3legacy.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * s3proxy in a JVM of its own, storing objects on disk: for tests whose own JVM has a heap too small
 * for the server's buffers (large objects under a small -Xmx). Same credentials as {@link S3ProxyServer}.
 */
public final class S3ProxyProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private S3ProxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param dir where the objects and the server's log go */
    public static S3ProxyProcess start(Path dir, String heap) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Properties props = new Properties();
        props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        props.setProperty("s3proxy.identity", S3ProxyServer.ACCESS_KEY);
        props.setProperty("s3proxy.credential", S3ProxyServer.SECRET_KEY);
        props.setProperty("jclouds.provider", "filesystem");
        props.setProperty("jclouds.identity", S3ProxyServer.ACCESS_KEY);
        props.setProperty("jclouds.credential", S3ProxyServer.SECRET_KEY);
        props.setProperty("jclouds.filesystem.basedir", Files.createDirectories(dir.resolve("blobs")).toString());
        Path config = dir.resolve("s3proxy.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, null);
        }
        // the test classpath holds s3proxy (a surefire booter jar names it in its manifest, which java follows)
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), S3ProxyProcess.class.getName(),
                "--properties", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3ProxyProcess server = new S3ProxyProcess(process, port);
        server.awaitReady(dir.resolve("s3proxy.log"));
        return server;
    }

    /** The server's main: s3proxy's, ending with the JVM that started it, even one killed (no orphan left listening). */
    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        org.gaul.s3proxy.Main.main(args);
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint())).build(), HttpResponse.BodyHandlers.discarding());
                return; // any answer (403: unsigned) means it serves
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("s3proxy did not start: " + Files.readString(log));
                }
                Thread.sleep(200);
            }
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
