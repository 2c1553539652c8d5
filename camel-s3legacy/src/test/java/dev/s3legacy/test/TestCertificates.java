package dev.s3legacy.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Key and trust stores made at test time with the JDK's own keytool (PKCS12, password
 * {@link #PASSWORD}): a test CA, a server certificate it signed for the IP 127.0.0.1, a trust store
 * holding only the CA, and a self-signed certificate for a host name that is not 127.0.0.1.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    /** Key store of the server certificate signed by the test CA (SAN ip:127.0.0.1), chain included. */
    public final Path serverKeyStore;
    /** Trust store holding the test CA only. */
    public final Path trustStore;
    /** Key store of a self-signed certificate for dns:s3.wrong-host.invalid (neither trusted nor matching 127.0.0.1). */
    public final Path selfSignedKeyStore;

    private TestCertificates(Path dir) {
        this.serverKeyStore = dir.resolve("server.p12");
        this.trustStore = dir.resolve("trust.p12");
        this.selfSignedKeyStore = dir.resolve("self-signed.p12");
    }

    private static TestCertificates shared;

    /** One set for the whole test JVM (keytool is slow to start), in a temporary directory. */
    public static synchronized TestCertificates shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path dir = java.nio.file.Files.createTempDirectory("s3legacy-certs");
            shared = create(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = java.nio.file.Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                    dir.toFile().delete();
                } catch (IOException ignored) {
                    // a temporary directory left behind
                }
            }));
        }
        return shared;
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(dir);
        Path ca = dir.resolve("ca.p12");
        Path caCert = dir.resolve("ca.pem");
        Path csr = dir.resolve("server.csr");
        Path serverCert = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=s3legacy test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caCert.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", c.serverKeyStore.toString());
        keytool("-certreq", "-alias", "server", "-keystore", c.serverKeyStore.toString(), "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
                "-outfile", serverCert.toString(), "-ext", "SAN=ip:127.0.0.1", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", c.serverKeyStore.toString());
        keytool("-importcert", "-alias", "server", "-file", serverCert.toString(), "-keystore", c.serverKeyStore.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", c.trustStore.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=s3.wrong-host.invalid",
                "-ext", "SAN=dns:s3.wrong-host.invalid", "-validity", "2", "-keystore", c.selfSignedKeyStore.toString());
        return c;
    }

    /** Camel's TLS settings trusting the test CA (and nothing else). */
    public org.apache.camel.support.jsse.SSLContextParameters trustingTheCa() {
        org.apache.camel.support.jsse.KeyStoreParameters store = new org.apache.camel.support.jsse.KeyStoreParameters();
        store.setResource("file:" + trustStore);
        store.setPassword(PASSWORD);
        store.setType("PKCS12");
        org.apache.camel.support.jsse.TrustManagersParameters trust = new org.apache.camel.support.jsse.TrustManagersParameters();
        trust.setKeyStore(store);
        org.apache.camel.support.jsse.SSLContextParameters parameters = new org.apache.camel.support.jsse.SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /** A JDK SSL context trusting the test CA held in {@code trustStore}. */
    public static javax.net.ssl.SSLContext sslContextTrusting(Path trustStore) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(trustStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
