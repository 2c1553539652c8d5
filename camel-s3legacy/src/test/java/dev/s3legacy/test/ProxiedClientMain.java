package dev.s3legacy.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3Response;

/**
 * Run in a JVM of its own (so that JVM-wide settings stay the test's own choice): creates a bucket,
 * puts and gets an object through an https endpoint and an HTTP proxy with credentials, and prints
 * {@code ROUND-TRIP OK}. Arguments: endpoint, trust store, proxy port, proxy user, proxy password.
 */
public final class ProxiedClientMain {

    private ProxiedClientMain() {
    }

    public static void main(String[] args) throws Exception {
        S3ClientConfig config = S3ClientConfig.builder().endpoint(args[0])
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .sslContext(TestCertificates.sslContextTrusting(Path.of(args[1])))
                .proxy("127.0.0.1", Integer.parseInt(args[2])).proxyCredentials(args[3], args[4])
                .maxRetries(0).build();
        try (S3Connection connection = new S3Connection(config)) {
            connection.createBucket("tunnelled");
            connection.put("tunnelled", "k", RequestBody.ofString("through the tunnel"));
            try (S3Response response = connection.get("tunnelled", "k")) {
                String body = new String(response.body().bytes(), StandardCharsets.UTF_8);
                System.out.println(body.equals("through the tunnel") ? "ROUND-TRIP OK" : "WRONG BODY " + body);
            }
        }
    }
}
