package dev.s3legacy.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * s3proxy over its {@code filesystem} store (objects on disk, not in the heap), with the credentials of
 * {@link S3ProxyServer}. {@link #fork} runs it in a JVM of its own, so a test can measure its own heap
 * without the server's; {@link #main} is that JVM's entry point.
 */
public final class FilesystemS3Proxy implements AutoCloseable {

    private final S3Proxy proxy;
    private final Process process;
    private final int port;

    private FilesystemS3Proxy(S3Proxy proxy, Process process, int port) {
        this.proxy = proxy;
        this.process = process;
        this.port = port;
    }

    /** In this JVM. */
    public static FilesystemS3Proxy start(Path basedir) throws Exception {
        S3Proxy proxy = startProxy(basedir);
        return new FilesystemS3Proxy(proxy, null, proxy.getPort());
    }

    /** In a JVM of its own with the given heap, on the test classpath; stopped by {@link #close()}. */
    public static FilesystemS3Proxy fork(Path basedir, String heap) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", classpath, FilesystemS3Proxy.class.getName(), basedir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("S3PROXY-PORT ")) {
                int port = Integer.parseInt(line.substring("S3PROXY-PORT ".length()).trim());
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                }, "s3proxy-output");
                drain.setDaemon(true);
                drain.start();
                return new FilesystemS3Proxy(null, process, port);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("forked s3proxy ended before it listened, exit " + process.waitFor());
    }

    private static S3Proxy startProxy(Path basedir) throws Exception {
        Files.createDirectories(basedir);
        Properties props = new Properties();
        props.setProperty("jclouds.identity", S3ProxyServer.ACCESS_KEY);
        props.setProperty("jclouds.credential", S3ProxyServer.SECRET_KEY);
        props.setProperty("jclouds.filesystem.basedir", basedir.toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", props))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return proxy;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (process != null) {
            process.getOutputStream().close(); // the forked server stops when its stdin ends
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Forked server: prints its port, then serves until stdin ends. */
    public static void main(String[] args) throws Exception {
        S3Proxy proxy = startProxy(Path.of(args[0]));
        System.out.println("S3PROXY-PORT " + proxy.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin (or to die)
        }
        proxy.stop();
        System.exit(0);
    }
}
