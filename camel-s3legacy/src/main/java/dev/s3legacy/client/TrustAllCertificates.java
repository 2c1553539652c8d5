package dev.s3legacy.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The SSL context of {@code trustAllCertificates}: any server certificate is accepted, for one client
 * only. It is an {@link X509ExtendedTrustManager} on purpose: JSSE leaves the host name check
 * (endpoint identification) to such a manager, so skipping its checks also skips that one, without the
 * JVM-wide {@code jdk.internal.httpclient.disableHostnameVerification} property. A plain
 * {@code X509TrustManager} would be wrapped by JSSE and the host name still checked.
 */
final class TrustAllCertificates extends X509ExtendedTrustManager {

    private TrustAllCertificates() {
    }

    static SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAllCertificates()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the trust-all SSL context: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // trusts everything (development only)
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // trusts everything (development only)
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // trusts everything (development only)
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // a client never checks client certificates
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // a client never checks client certificates
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client never checks client certificates
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
