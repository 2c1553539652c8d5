package dev.s3legacy.test;

import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * A real S3 server (s3proxy, in memory) on 127.0.0.1 and a random port, checking V2 and V4 signatures
 * and pre-signed URLs. Start one per test class; it is cheap.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "AKIAS3LEGACYTEST0001";
    public static final String SECRET_KEY = "s3legacy/Test+Secret/Key0123456789abcdefg";

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3ProxyServer(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    public static S3ProxyServer start() {
        return start(128L * 1024 * 1024);
    }

    /** @param v4MaxSignedBody largest V4 body with a signed payload hash the server accepts (s3proxy holds it in memory) */
    public static S3ProxyServer start(long v4MaxSignedBody) {
        return start(v4MaxSignedBody, null, null);
    }

    /** Serving https only, with the certificate of {@code keyStore} (PKCS12); see {@link #httpsEndpoint()}. */
    public static S3ProxyServer startHttps(java.nio.file.Path keyStore, String password) {
        return start(128L * 1024 * 1024, keyStore, password);
    }

    private static S3ProxyServer start(long v4MaxSignedBody, java.nio.file.Path keyStore, String password) {
        try {
            Properties props = new Properties();
            props.setProperty("jclouds.identity", ACCESS_KEY);
            props.setProperty("jclouds.credential", SECRET_KEY);
            BlobStore blobStore = BlobStores.create("transient", props);
            S3Proxy.Builder builder = S3Proxy.builder()
                    .blobStore(blobStore)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .v4MaxNonChunkedRequestSize(v4MaxSignedBody);
            if (keyStore == null) {
                builder.endpoint(URI.create("http://127.0.0.1:0"));
            } else {
                builder.secureEndpoint(URI.create("https://127.0.0.1:0")).keyStore(keyStore.toString(), password);
            }
            S3Proxy proxy = builder.build();
            proxy.start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new S3ProxyServer(proxy, blobStore);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start s3proxy", e);
        }
    }

    public int port() {
        return proxy.getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public String httpsEndpoint() {
        return "https://127.0.0.1:" + proxy.getSecurePort();
    }

    public BlobStore blobStore() {
        return blobStore;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
