package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;

import dev.s3legacy.client.signing.WireRequest;

/**
 * Sends object GETs through the JDK's blocking {@link HttpURLConnection}, on a worker thread, and reads
 * the body with large blocking reads straight from the socket. Why: the JDK's {@link HttpClient} delivers
 * a body in 16 KiB buffers through its flow control, which on a 2-core machine held one GET to about a
 * third of curl's speed at 2.4&times; camel-aws2-s3's CPU per GiB; HttpURLConnection reads at curl's speed
 * and, with no selector hand-offs, answers a small GET about twice as fast. Uploads, listings and every
 * other request stay on {@link HttpTransport}, as do GETs through a proxy (HttpURLConnection takes proxy
 * credentials for a CONNECT tunnel only from an authenticator, which would also see the S3 host).
 *
 * <p>Nothing JVM-wide is read for routing or changed: no default proxy ({@link Proxy#NO_PROXY}), no default
 * authenticator, this transport's own SSL socket factory and host name verifier; while a JVM-wide response
 * cache is installed or the JDK would log request headers, requests take the HttpClient instead.
 * Kept-alive connections live in the JDK's own cache for HttpURLConnection (idle ones close after 5 s).
 *
 * <p>The response goes to the same body subscribers as {@link HttpTransport}'s, fed on the calling thread
 * (so a spool write or a range's positional write runs here, never on a selector thread), except a
 * {@link StreamTaker}, which takes the network stream itself and is read by the caller.
 */
final class UrlConnectionTransport {

    /** Largest read handed to a subscriber at once. */
    static final int READ_SIZE = 256 * 1024;
    /** Headers HttpURLConnection sets itself (it ignores them from callers). */
    private static final Set<String> CLIENT_OWNED_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade");
    /** Answers no one: a JVM-wide default authenticator is never asked for this transport's connections. */
    private static final Authenticator NO_AUTHENTICATOR = new Authenticator() {
    };

    /**
     * HttpURLConnection's own logger: at FINE (DEBUG) it writes every request header, the signature and the
     * session token among them, with no switch of its own. Common setups reach it (a JUL-to-SLF4J bridge
     * with the root logger at DEBUG), so while it is on, GETs go through the HttpClient, which dumps headers
     * only behind its own explicit JVM switch.
     */
    private static final System.Logger JDK_LOG = System.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    private final SSLSocketFactory socketFactory;
    private final HostnameVerifier hostnameVerifier;

    UrlConnectionTransport(TransportSettings settings) {
        SSLContext context = settings.trustAllCertificates() ? TrustAllCertificates.sslContext() : settings.sslContext();
        try {
            // one factory per transport: the JDK's keep-alive cache reuses an https connection only for the same factory
            this.socketFactory = (context != null ? context : SSLContext.getDefault()).getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No default SSL context: " + e.getMessage(), e);
        }
        // asked only after the JDK's own host name check failed: only trust-all accepts then
        boolean trustAll = settings.trustAllCertificates();
        this.hostnameVerifier = (String host, SSLSession session) -> trustAll;
    }

    /** Whether requests with these settings can go through this transport (not through a proxy). */
    static boolean serves(TransportSettings settings) {
        return !settings.hasProxy();
    }

    /**
     * Whether HttpURLConnection would not keep to itself what is sent now: it would write the headers to a
     * log (see {@link #JDK_LOG}), or hand responses to a JVM-wide {@link java.net.ResponseCache}. Then the
     * request takes the HttpClient, which does neither.
     */
    static boolean exposedByJvmSettings() {
        return JDK_LOG.isLoggable(System.Logger.Level.DEBUG) || java.net.ResponseCache.getDefault() != null;
    }

    /**
     * Sends a GET on {@code executor}; the future completes with the response once the subscriber's body is
     * complete (for a {@link StreamTaker}, as soon as the headers are in).
     *
     * @param requestTimeout how long the server may take to answer with headers
     * @param readTimeout    the longest wait for more bytes, at any point
     */
    CompletableFuture<HttpResponse<SpooledBody>> send(WireRequest wire, RequestBody body, TransferMeter.Segment sent,
                                                      Duration connectTimeout, Duration requestTimeout,
                                                      Duration readTimeout, HttpResponse.BodyHandler<SpooledBody> handler,
                                                      Executor executor, ScheduledExecutorService scheduler) {
        CompletableFuture<HttpResponse<SpooledBody>> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(exchange(wire, body, sent, connectTimeout, requestTimeout, readTimeout, handler, scheduler));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("The S3 connection is closed", e));
        }
        return result;
    }

    private HttpResponse<SpooledBody> exchange(WireRequest wire, RequestBody body, TransferMeter.Segment sent,
                                               Duration connectTimeout, Duration requestTimeout,
                                               Duration readTimeout, HttpResponse.BodyHandler<SpooledBody> handler,
                                               ScheduledExecutorService scheduler) throws IOException, InterruptedException {
        HttpURLConnection c = open(wire, connectTimeout, readTimeout);
        long length = body != null ? body.contentLength() : wire.method().equals("PUT") ? 0 : -1;
        if (length >= 0) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(length); // sent as it is read: never a copy of the body in the heap
        }
        int status;
        Deadline deadline = new Deadline(c);
        ScheduledFuture<?> timer;
        try {
            timer = scheduler.schedule(deadline, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The S3 connection is closed", e);
        }
        try {
            if (length >= 0) {
                upload(c, body, length, sent);
            }
            status = c.getResponseCode();
        } catch (IOException e) {
            c.disconnect();
            throw deadline.fired ? new HttpTimeoutException("request timed out") : translate(e, connectTimeout, readTimeout);
        } catch (RuntimeException e) { // a body that cannot be read (again): the request is half sent
            c.disconnect();
            throw e;
        } finally {
            timer.cancel(false);
        }
        if (status < 100) {
            c.disconnect();
            throw new IOException("not an HTTP response from " + wire.uri().getHost());
        }
        Response response = new Response(status, headers(c), wire.uri());
        HttpResponse.BodySubscriber<SpooledBody> subscriber = handler.apply(response);
        InputStream in = body(c, status);
        if (subscriber instanceof StreamTaker taker) {
            response.body = taker.take(new TimeoutTranslating(in, readTimeout), c::disconnect);
            return response;
        }
        // a HEAD, 204 or 304 has no body whatever its Content-Length says
        boolean bodiless = wire.method().equals("HEAD") || status == 204 || status == 304 || status < 200;
        feed(subscriber, bodiless ? InputStream.nullInputStream() : in, c, bodiless ? 0 : c.getContentLengthLong(), readTimeout);
        try {
            response.body = subscriber.getBody().toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        }
        return response;
    }

    /** Writes the body in reads of up to {@link #READ_SIZE} (a file or stream body is read here, on a worker). */
    private static void upload(HttpURLConnection c, RequestBody body, long length, TransferMeter.Segment sent) throws IOException {
        try (java.io.OutputStream out = c.getOutputStream()) {
            if (length == 0) {
                return;
            }
            try (InputStream in = body.openStream()) {
                byte[] buffer = new byte[(int) Math.min(READ_SIZE, length)];
                long written = 0;
                for (int n; written < length && (n = in.read(buffer, 0, (int) Math.min(buffer.length, length - written))) > 0; ) {
                    out.write(buffer, 0, n);
                    written += n;
                    if (sent != null) {
                        sent.reached(written);
                    }
                }
                if (written < length) {
                    throw new IOException("the body ended after " + written + " of its " + length + " bytes");
                }
                if (in.read() >= 0) { // read to its end, as the HttpClient does: a longer body is an error, not cut short
                    c.disconnect();
                    throw new IOException("the body is longer than its declared " + length + " bytes");
                }
            }
        }
    }

    private HttpURLConnection open(WireRequest wire, Duration connectTimeout, Duration readTimeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) wire.uri().toURL().openConnection(Proxy.NO_PROXY);
        if (c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(socketFactory);
            https.setHostnameVerifier(hostnameVerifier);
        }
        c.setAuthenticator(NO_AUTHENTICATOR);
        c.setRequestMethod(wire.method());
        c.setInstanceFollowRedirects(false); // redirects are S3 answers the retry policy judges
        // true, since false makes HttpURLConnection add Cache-Control: no-cache, which a PUT stores on the object;
        // no cache is asked while none is installed (see exposedByJvmSettings: with one, requests take the HttpClient)
        c.setUseCaches(true);
        c.setConnectTimeout(millis(connectTimeout));
        c.setReadTimeout(millis(readTimeout));
        // instead of HttpURLConnection's browser-like default (text/html, image/gif, ...); not signed
        c.setRequestProperty("Accept", "*/*");
        wire.headers().asMap().forEach((name, values) -> {
            if (!CLIENT_OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> c.addRequestProperty(name, v));
            }
        });
        return c;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static InputStream body(HttpURLConnection c, int status) throws IOException {
        if (status >= 400) {
            InputStream error = c.getErrorStream();
            return error != null ? error : InputStream.nullInputStream();
        }
        return c.getInputStream();
    }

    private static HttpHeaders headers(HttpURLConnection c) {
        // merged by name in any case: HttpHeaders refuses two names that differ only in case
        Map<String, List<String>> fields = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null) { // the status line
                fields.computeIfAbsent(name, n -> new java.util.ArrayList<>()).addAll(values);
            }
        });
        return HttpHeaders.of(fields, (name, value) -> true);
    }

    /**
     * Pushes the body to the subscriber in reads of up to {@link #READ_SIZE}, as it asks for them, each valid
     * only until onNext returns. A body
     * shorter than its Content-Length fails, as on {@link HttpClient}; so does any read error, after which
     * the connection is dropped rather than reused.
     */
    private static void feed(HttpResponse.BodySubscriber<SpooledBody> subscriber, InputStream in, HttpURLConnection c,
                             long length, Duration readTimeout) {
        Demand demand = new Demand(c);
        subscriber.onSubscribe(demand);
        long received = 0;
        // one buffer for the whole body: every subscriber fed here copies or writes what it is given before
        // onNext returns (the one that keeps buffers, the unspooled stream, takes the stream instead)
        byte[] bytes = new byte[length >= 0 ? (int) Math.min(READ_SIZE, length + 1) : READ_SIZE];
        try (in) {
            while (demand.await()) {
                int n = in.read(bytes);
                if (n < 0) {
                    if (length >= 0 && received != length) {
                        c.disconnect();
                        subscriber.onError(new IOException("received " + received + " bytes of " + length + " (Content-Length)"));
                    } else {
                        subscriber.onComplete();
                    }
                    return;
                }
                received += n;
                subscriber.onNext(List.of(ByteBuffer.wrap(bytes, 0, n)));
            }
            c.disconnect(); // cancelled before the end: the connection is not reused
        } catch (IOException e) {
            c.disconnect();
            if (!demand.cancelled) {
                subscriber.onError(translateRead(e, readTimeout, received));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.disconnect();
            subscriber.onError(e);
        }
    }

    private static IOException translate(IOException e, Duration connectTimeout, Duration readTimeout) {
        if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect")) {
            HttpConnectTimeoutException t = new HttpConnectTimeoutException("HTTP connect timed out after "
                    + connectTimeout.toMillis() + " ms");
            t.initCause(e);
            return t;
        }
        return translateRead(e, readTimeout, 0);
    }

    /** A read that waited out the read timeout is a timeout to the classifier, as the other transport's are. */
    static IOException translateRead(IOException e, Duration readTimeout, long received) {
        if (e instanceof SocketTimeoutException) {
            HttpTimeoutException t = new HttpTimeoutException("no bytes of the response arrived for " + readTimeout.toMillis()
                    + " ms (read timeout) after " + received + " bytes");
            t.initCause(e);
            return t;
        }
        return e;
    }

    /** The request timeout: drops the connection if the headers are not in by then. */
    private static final class Deadline implements Runnable {
        private final HttpURLConnection connection;
        volatile boolean fired;

        Deadline(HttpURLConnection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            fired = true;
            connection.disconnect();
        }
    }

    /** The subscriber's demand; cancelling drops the connection, which ends a read in progress. */
    private static final class Demand implements Flow.Subscription {
        private final HttpURLConnection connection;
        private long requested;
        volatile boolean cancelled;

        Demand(HttpURLConnection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized void request(long n) {
            requested = n <= 0 || requested + n < 0 ? Long.MAX_VALUE : requested + n;
            notifyAll();
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
                notifyAll();
            }
            connection.disconnect();
        }

        /** Waits until one more read is wanted; false once cancelled. */
        synchronized boolean await() throws InterruptedException {
            while (requested == 0 && !cancelled) {
                wait();
            }
            if (cancelled) {
                return false;
            }
            if (requested != Long.MAX_VALUE) {
                requested--;
            }
            return true;
        }
    }

    /** The body's stream with read timeouts as {@link HttpTimeoutException}, as the classifier knows them. */
    private static final class TimeoutTranslating extends java.io.FilterInputStream {
        private final Duration readTimeout;
        private long received;

        TimeoutTranslating(InputStream in, Duration readTimeout) {
            super(in);
            this.readTimeout = readTimeout;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    received += n;
                }
                return n;
            } catch (IOException e) {
                throw translateRead(e, readTimeout, received);
            }
        }
    }

    /** What the classifier and the subscribers see of an HttpURLConnection's answer. */
    private static final class Response implements HttpResponse<SpooledBody>, HttpResponse.ResponseInfo {
        private final int status;
        private final HttpHeaders headers;
        private final URI uri;
        SpooledBody body;

        Response(int status, HttpHeaders headers, URI uri) {
            this.status = status;
            this.headers = headers;
            this.uri = uri;
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public HttpHeaders headers() {
            return headers;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<SpooledBody>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public SpooledBody body() {
            return body;
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return uri;
        }
    }
}
