package dev.s3legacy.examples.common;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * A real S3 server for the examples: s3proxy on 127.0.0.1 and a free port, checking V2 and V4
 * signatures and pre-signed URLs, keeping its objects as plain files under a directory (one
 * sub-directory per bucket) so you can look at what the routes did.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final Path directory;
    private final String endpoint;
    private volatile boolean stopped;

    private EmbeddedS3(S3Proxy proxy, Path directory) {
        this.proxy = proxy;
        this.directory = directory;
        this.endpoint = "http://127.0.0.1:" + proxy.getPort();
    }

    /**
     * Starts a server that accepts requests signed with these credentials.
     *
     * @param directory where the buckets are kept (created if missing)
     */
    public static EmbeddedS3 start(Path directory, String accessKey, String secretKey) {
        try {
            Files.createDirectories(directory);
            Properties props = new Properties();
            props.setProperty("jclouds.identity", accessKey);
            props.setProperty("jclouds.credential", secretKey);
            props.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
            BlobStore blobStore = BlobStores.create("filesystem", props);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            proxy.start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    proxy.stop();
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new EmbeddedS3(proxy, directory);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded S3 server", e);
        }
    }

    /** The base URL to give the component's {@code endpoint} option. */
    public String endpoint() {
        return endpoint;
    }

    public Path directory() {
        return directory;
    }

    /** Stops the server; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the embedded S3 server", e);
        }
    }
}
