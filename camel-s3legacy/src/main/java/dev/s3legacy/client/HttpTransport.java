package dev.s3legacy.client;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.s3legacy.client.signing.WireRequest;

/**
 * Puts signed wire requests on the network through one JDK {@link HttpClient} with keep-alive and
 * hands back the raw response; what it means is the classifier's business. TLS and proxy settings
 * belong to this client alone: nothing JVM-wide (default SSL context, ProxySelector, Authenticator,
 * system properties) is read or changed. One transport may serve several connections with equal
 * {@link TransportSettings} (see {@link TransportRegistry}); its owner closes it.
 *
 * <p>Proxy credentials go as a preemptive {@code Proxy-Authorization: Basic} header, not through an
 * {@link java.net.Authenticator}: with an authenticator set, the JDK's client drops the caller's
 * {@code Authorization} header from every request (seen on 17.0.15), which would strip the S3
 * signature. The header is added after signing, so it is never signed, and the JDK's client sends it
 * only to the proxy (it drops proxy headers from requests inside a tunnel). For CONNECT the JDK copies
 * it onto the tunnel request only if Basic is not in {@code jdk.http.auth.tunneling.disabledSchemes},
 * which by default it is: an https endpoint behind a proxy that wants credentials needs the JVM started
 * with {@code -Djdk.http.auth.tunneling.disabledSchemes=""} (the user's decision; never set here).
 */
public final class HttpTransport implements AutoCloseable {

    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final Set<String> CLIENT_OWNED_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final TransportSettings settings;
    private final Executor executor;
    /** The Proxy-Authorization value, or null without proxy credentials. */
    private final String proxyAuthorization;
    /**
     * Built on first use (a connection that only pre-signs starts no selector thread); null again never.
     * Volatile with a double-checked build: every request reads it, so the common path takes no lock.
     */
    private volatile HttpClient http;
    private volatile boolean closed;
    /** Object GETs (see {@link UrlConnectionTransport}); null where it does not serve these settings. */
    private final UrlConnectionTransport blocking;

    /** @param executor where upload bodies that read a disk or a stream are read (never the selector thread); null: inline */
    HttpTransport(TransportSettings settings, Executor executor) {
        this.settings = settings;
        this.executor = executor;
        this.proxyAuthorization = settings.hasProxyCredentials() ? "Basic " + Base64.getEncoder().encodeToString(
                (settings.proxyUsername() + ":" + settings.proxyPassword()).getBytes(StandardCharsets.UTF_8)) : null;
        this.blocking = UrlConnectionTransport.serves(settings) ? new UrlConnectionTransport(settings) : null;
    }

    /** Whether object GETs can go through the blocking {@link UrlConnectionTransport} (no proxy in the way). */
    boolean sendsBlocking() {
        return blocking != null;
    }

    /**
     * An object GET through {@link UrlConnectionTransport}, run on {@code executor}; only where
     * {@link #sendsBlocking()}.
     */
    CompletableFuture<HttpResponse<SpooledBody>> sendBlocking(WireRequest wire, RequestBody body, TransferMeter.Segment sent,
                                                              Duration requestTimeout, Duration readTimeout,
                                                              HttpResponse.BodyHandler<SpooledBody> handler, Executor executor,
                                                              java.util.concurrent.ScheduledExecutorService scheduler) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The S3 connection is closed"));
        }
        return blocking.send(wire, body, sent, settings.connectTimeout(), requestTimeout, readTimeout, handler, executor, scheduler);
    }

    public TransportSettings settings() {
        return settings;
    }

    private HttpClient client() {
        HttpClient built = http;
        if (built != null && !closed) {
            return built;
        }
        return build();
    }

    private synchronized HttpClient build() {
        if (closed) {
            throw new IllegalStateException("The S3 connection is closed");
        }
        if (http == null) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1) // S3 speaks HTTP/1.1; no h2c upgrade headers to confuse signatures
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER); // redirects are S3 answers the retry policy judges
            // The client's own stages run inline, on its selector thread or the caller's: no thread hand-off
            // inside the client (a small GET crossed its selector/executor boundary ~14 times). What must not
            // run there leaves it: response handling and user code (RequestPipeline), spool file writes
            // (OffloadingSubscriber), upload reads from disk or streams (OffloadedPublisher, below).
            b.executor(Runnable::run);
            if (settings.trustAllCertificates()) {
                b.sslContext(TrustAllCertificates.sslContext());
            } else if (settings.sslContext() != null) {
                b.sslContext(settings.sslContext());
            }
            if (settings.hasProxy()) {
                b.proxy(ProxySelector.of(new InetSocketAddress(settings.proxyHost(), settings.proxyPort())));
            }
            http = b.build();
        }
        return http;
    }

    CompletableFuture<HttpResponse<SpooledBody>> send(WireRequest wire, RequestBody body, Duration timeout,
                                                      HttpResponse.BodyHandler<SpooledBody> handler) {
        return send(wire, body, timeout, handler, null);
    }

    /** @param sent where the body's bytes are counted as the client takes them, or null */
    CompletableFuture<HttpResponse<SpooledBody>> send(WireRequest wire, RequestBody body, Duration timeout,
                                                      HttpResponse.BodyHandler<SpooledBody> handler, TransferMeter.Segment sent) {
        HttpClient client = client();
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body.isInMemory() || executor == null ? body.publisher() : new OffloadedPublisher(body.publisher(), executor);
        if (sent != null && body != null) {
            publisher = new CountingPublisher(publisher, sent);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(wire.uri())
                .timeout(timeout)
                .method(wire.method(), publisher);
        wire.headers().asMap().forEach((name, values) -> {
            if (!CLIENT_OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        if (proxyAuthorization != null) {
            b.header("Proxy-Authorization", proxyAuthorization);
        }
        return client.sendAsync(b.build(), handler);
    }

    /**
     * Starts closing the client where the runtime can: Java 21 added {@code HttpClient.shutdown()}
     * (requests in flight finish, idle connections close, no new requests). Looked up at run time
     * because this code is built for Java 17; {@code close()} is not used since it waits for every
     * request in flight, which would let a stalled download hold up a Camel shutdown. On 17 the
     * connections end when the client becomes unreachable.
     */
    @Override
    public void close() {
        HttpClient http;
        synchronized (this) {
            closed = true;
            http = this.http;
        }
        if (http == null) {
            return;
        }
        try {
            HttpClient.class.getMethod("shutdown").invoke(http);
        } catch (NoSuchMethodException e) {
            // Java 17-20: nothing to call
        } catch (ReflectiveOperationException | RuntimeException e) {
            // best effort: the connections end with the client anyway
        }
    }
}
