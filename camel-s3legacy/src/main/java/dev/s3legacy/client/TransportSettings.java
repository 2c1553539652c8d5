package dev.s3legacy.client;

import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * What an HTTP client is built from: connections whose settings are equal can share one client (and its
 * pool of kept-alive connections). The SSL context counts by identity, so callers that want sharing hand
 * in the same instance. The proxy password is never part of {@link #toString()}.
 */
public record TransportSettings(Duration connectTimeout, SSLContext sslContext, boolean trustAllCertificates,
                                String proxyHost, int proxyPort, String proxyUsername, String proxyPassword) {

    public TransportSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    public boolean hasProxy() {
        return proxyHost != null;
    }

    public boolean hasProxyCredentials() {
        return proxyUsername != null;
    }

    /** The settings without secrets, for messages and logs. */
    String describe() {
        return "tls=" + (trustAllCertificates ? "trust-all" : sslContext == null ? "jdk-default" : "custom")
                + ", proxy=" + (proxyHost == null ? "none" : proxyHost + ":" + proxyPort
                + (proxyUsername == null ? "" : " as " + proxyUsername + " (password ****)"));
    }

    @Override
    public String toString() {
        return "TransportSettings[connectTimeout=" + connectTimeout + ", " + describe() + "]";
    }
}
