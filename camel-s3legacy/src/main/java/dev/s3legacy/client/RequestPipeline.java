package dev.s3legacy.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.s3legacy.client.credentials.Credentials;
import dev.s3legacy.client.credentials.CredentialsProvider;
import dev.s3legacy.client.signing.RequestSigner;
import dev.s3legacy.client.signing.SignerV4;
import dev.s3legacy.client.signing.V2RequestSigner;
import dev.s3legacy.client.signing.V4RequestSigner;
import dev.s3legacy.client.signing.WireRequest;

/**
 * The send path, as a pipeline of values: an {@link S3Request} becomes an immutable {@link WireRequest},
 * signing adds what it computed, the transport brings back a raw response, the classifier makes it an
 * {@link Outcome}, and the {@link RetryPolicy} decides on that outcome's type what happens next. Only the
 * final failure becomes an {@link S3LegacyException}. The caller's request is never changed.
 */
final class RequestPipeline {

    private static final System.Logger LOG = System.getLogger(S3Connection.class.getName());

    private final S3ClientConfig config;
    private final HttpTransport transport;
    /** Asked for every attempt, so a retry after a refresh signs with the new credentials; null: anonymous. */
    private final CredentialsProvider credentials;
    /** The signer of the credentials last resolved: kept while they stay the same, with V4's day key cache. */
    private volatile CredentialsSigner lastSigner;
    private final RetryPolicy retryPolicy;
    private final ScheduledExecutorService scheduler;
    private final IdleTimeout.Sweeper readTimeouts;
    /** Server clock minus ours, learnt from a RequestTimeTooSkewed answer and kept for later requests. */
    private final AtomicLong clockOffsetMillis = new AtomicLong();

    /** Where responses are handled and callers continue: never the HTTP client's selector thread. */
    private final Executor workers;

    RequestPipeline(S3ClientConfig config, HttpTransport transport, ScheduledExecutorService scheduler, Executor workers) {
        this.config = config;
        this.workers = workers;
        this.transport = transport;
        this.scheduler = scheduler;
        this.readTimeouts = new IdleTimeout.Sweeper(config.readTimeout(), scheduler);
        this.credentials = config.credentialsProvider();
        this.retryPolicy = new RetryPolicy(config.maxRetries(), config.retryBaseDelay(), config.followRedirects());
    }

    private record CredentialsSigner(Credentials credentials, RequestSigner signer) {
    }

    /** The signer for these credentials: the last one made while they are the same instance, else a new one. */
    RequestSigner signerFor(Credentials c) {
        CredentialsSigner last = lastSigner;
        if (last != null && last.credentials() == c) {
            return last.signer();
        }
        RequestSigner signer = config.signatureVersion() == SignatureVersion.V2
                ? new V2RequestSigner(c.accessKeyId(), c.secretKey(), c.sessionToken())
                : new V4RequestSigner(c.accessKeyId(), c.secretKey(), c.sessionToken(), config.region());
        lastSigner = new CredentialsSigner(c, signer);
        return signer;
    }

    long clockOffsetMillis() {
        return clockOffsetMillis.get();
    }

    /** Our clock corrected by what the server taught us. */
    Instant now() {
        return Instant.now().plusMillis(clockOffsetMillis.get());
    }

    // ---------------------------------------------------------------- sending

    /** Sends the request; the future completes with its result or fails with {@link S3LegacyException}. */
    <T> CompletableFuture<T> send(S3Request<T> request) {
        RequestBody body = request.body();
        Headers headers = request.headers().copy();
        String payloadHash;
        try {
            RequestBody.Digests digests = body == null ? null : body.digests();
            if (digests != null && !headers.contains("Content-MD5")) {
                headers.set("Content-MD5", digests.md5Base64());
            }
            // no body: the empty body's well-known hash, without hashing anything per request
            payloadHash = body == null ? SignerV4.EMPTY_PAYLOAD_SHA256
                    : digests != null ? digests.sha256Hex() : SignerV4.UNSIGNED_PAYLOAD;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return attempt(request, headers, payloadHash, new RetryPolicy.Attempts());
    }

    private <T> CompletableFuture<T> attempt(S3Request<T> request, Headers headers, String payloadHash,
                                             RetryPolicy.Attempts attempts) {
        CompletableFuture<HttpResponse<SpooledBody>> sent;
        Credentials used;
        boolean blocking;
        try {
            used = credentials == null ? null : credentials.resolve();
            WireRequest wire = WireAddress.resolve(config, request.bucket(), request.key(), attempts.host)
                    .request(request.operation().method(), request.query(), headers, payloadHash)
                    .withQuery(request.operation().sentQuery());
            if (used != null) {
                wire = signerFor(used).forRegion(attempts.region).sign(wire, now()).applyTo(wire);
            }
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} {1} ({2}) sending, attempt {3}", wire.method(),
                        wire.uri(), request.operation(), attempts.count());
            }
            blocking = sendsBlocking(request);
            sent = blocking
                    ? transport.sendBlocking(wire, request.body(), request.progress(), config.requestTimeout(), config.readTimeout(),
                            bodyHandler(request, false), workers, scheduler)
                    : transport.send(wire, request.body(), config.requestTimeout(), bodyHandler(request, true), request.progress());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // classification, parsing, retries (a credentials refresh may block) and the caller's continuation (a
        // Camel route) run on a worker: a blocking GET is already on one; from the HTTP client's thread, one hand-off
        java.util.function.BiFunction<HttpResponse<SpooledBody>, Throwable, CompletableFuture<T>> handle = (response, error) -> {
            Outcome outcome;
            try {
                outcome = error != null ? ResponseClassifier.classify(error) : ResponseClassifier.classify(request, response);
            } catch (RuntimeException e) {
                return CompletableFuture.<T>failedFuture(e);
            }
            if (outcome instanceof Outcome.Ok ok) {
                @SuppressWarnings("unchecked")
                T result = (T) ok.result();
                return CompletableFuture.completedFuture(result);
            }
            return afterFailure(request, headers, payloadHash, attempts, (Outcome.Failure) outcome, used);
        };
        return (blocking ? sent.handle(handle) : sent.handleAsync(handle, workers)).thenCompose(f -> f);
    }

    /**
     * Requests go through the blocking transport (see {@link UrlConnectionTransport}) unless a proxy is in the
     * way, the body's length is unknown, the JDK would log their headers there, or they are POSTs (for which
     * HttpURLConnection adds a form Content-Type that V2 signs differently).
     */
    private boolean sendsBlocking(S3Request<?> request) {
        RequestBody body = request.body();
        return config.blockingTransport() && transport.sendsBlocking() && !request.operation().method().equals("POST")
                && (body == null || body.contentLength() >= 0) && !UrlConnectionTransport.exposedByJvmSettings();
    }

    private <T> CompletableFuture<T> afterFailure(S3Request<T> request, Headers headers, String payloadHash,
                                                  RetryPolicy.Attempts attempts, Outcome.Failure failure,
                                                  Credentials used) {
        RetryPolicy.Next next = retryPolicy.next(failure, attempts, request, config.endpoint());
        if (next instanceof RetryPolicy.Next.Follow follow) {
            attempts.redirects++;
            if (follow.host() != null) {
                attempts.host = follow.host();
            }
            if (follow.region() != null) {
                attempts.region = follow.region();
            }
            log(request, failure, "redirected to " + (follow.host() != null ? follow.host() : "the same host")
                    + (follow.region() != null ? ", region " + follow.region() : ""));
            return attempt(request, headers, payloadHash, attempts);
        }
        if (next instanceof RetryPolicy.Next.RefreshCredentials && credentials != null) {
            attempts.credentialsRefreshed = true;
            log(request, failure, "refreshing the credentials, then sending again");
            try {
                credentials.refresh(used);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return attempt(request, headers, payloadHash, attempts);
        }
        if (next instanceof RetryPolicy.Next.Resign resign) {
            attempts.skewCorrected = true;
            clockOffsetMillis.set(resign.offsetMillis());
            log(request, failure, "clock offset now " + resign.offsetMillis() + " ms, signing again");
            return attempt(request, headers, payloadHash, attempts);
        }
        if (next instanceof RetryPolicy.Next.Retry retry) {
            attempts.retries++;
            log(request, failure, "retry " + attempts.retries + " of " + retryPolicy.maxRetries() + " in "
                    + retry.delay().toMillis() + " ms");
            return later(retry.delay()).thenCompose(v -> attempt(request, headers, payloadHash, attempts));
        }
        String why = next instanceof RetryPolicy.Next.GiveUp giveUp ? giveUp.why() : "anonymous requests have no credentials to refresh";
        log(request, failure, "giving up: " + why);
        S3LegacyException e = failure instanceof Outcome.Redirect redirect
                ? notFollowed(request, redirect, why) : failure.toException(request);
        return CompletableFuture.failedFuture(e);
    }

    /** A redirect not followed says where it pointed and why it was not followed. */
    private static S3LegacyException notFollowed(S3Request<?> request, Outcome.Redirect redirect, String why) {
        Outcome.ServiceError e = redirect.error();
        String target = redirect.host() != null ? redirect.host() : redirect.region() != null ? "region " + redirect.region() : "nowhere";
        String message = (e.message() == null ? "" : e.message() + " ") + "[redirect to " + target + "; " + why + "]";
        return new Outcome.ServiceError(e.status(), e.code(), message, e.requestId(), e.document()).toException(request);
    }

    /** Completes after the delay, on the scheduler (no thread waits). */
    private CompletableFuture<Void> later(Duration delay) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> f.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("The S3 connection is closed", e));
        }
        return f;
    }

    /** One DEBUG line per failed attempt: what failed and what happens next; never headers or credentials. */
    private static void log(S3Request<?> request, Outcome.Failure failure, String next) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "{0} {1} ({2}) failed: {3}; {4}", request.operation().method(),
                    request.resource(), request.operation(), failure.getClass().getSimpleName(), next);
        }
    }

    /**
     * @param offload whether file writes must leave the delivering thread (the HttpClient's selector thread);
     *                the blocking transport delivers on a worker, where they run in place
     */
    private HttpResponse.BodyHandler<SpooledBody> bodyHandler(S3Request<?> request, boolean offload) {
        boolean head = request.operation().method().equals("HEAD");
        return info -> {
            if (ResponseClassifier.isError(info.statusCode())) {
                return new BoundedBodySubscriber(ResponseClassifier.MAX_ERROR_BODY, readTimeouts);
            }
            if (head || info.statusCode() == 304 || info.statusCode() == 204) {
                return HttpResponse.BodySubscribers.replacing(SpooledBody.empty());
            }
            if (!config.spoolDownloads() && request.operation() == S3Operation.GET) {
                return new StreamingBodySubscriber(info.headers().firstValueAsLong("Content-Length").orElse(-1),
                        config.verifyDownloads() ? expectedMd5(request, info) : null, config.readTimeout());
            }
            RangeTarget target = request.rangeTarget();
            if (target != null && info.statusCode() == 206) {
                PositionalBodySubscriber positional = new PositionalBodySubscriber(target, readTimeouts);
                return offload ? new OffloadingSubscriber<>(positional, workers) : positional;
            }
            TransferMeter.Segment received = request.operation() == S3Operation.GET ? request.progress() : null;
            if (received != null) {
                learnTotal(received.meter(), info, request.isFirstRange());
            }
            SpoolingBodySubscriber spooling = new SpoolingBodySubscriber(config.spoolThreshold(), config.spoolDirectory(),
                    config.verifyDownloads() ? expectedMd5(request, info) : null, readTimeouts, received);
            // a body that may reach the spool file is written from a worker; one known to fit in memory stays here
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return !offload || length >= 0 && length <= config.spoolThreshold() ? spooling : new OffloadingSubscriber<>(spooling, workers);
        };
    }

    /**
     * A counted GET's size: the body's Content-Length; for the first range of a parallel download, the whole
     * object's from its Content-Range (the other ranges count on the same meter).
     */
    private static void learnTotal(TransferMeter meter, HttpResponse.ResponseInfo info, boolean firstRange) {
        ContentRange range = ContentRange.parse(info.headers().firstValue("Content-Range").orElse(null));
        long total = firstRange && info.statusCode() == 206 ? (range == null ? -1 : range.total())
                : info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (total >= 0) {
            meter.total(total);
        }
    }

    /**
     * The MD5 a whole object's body must have: its ETag, where S3 makes that the MD5 of the bytes (a
     * single-part object without SSE-KMS or SSE-C, sent whole and unencoded; a 206 whose range is the whole
     * object counts as whole). Null where the ETag is something else (multipart {@code -N}, encrypted
     * objects, a part of the object, another store's opaque tag).
     */
    static String expectedMd5(S3Request<?> request, HttpResponse.ResponseInfo info) {
        if (request.operation() != S3Operation.GET) {
            return null;
        }
        var headers = info.headers();
        String range = headers.firstValue("Content-Range").orElse(null);
        ContentRange parsed = ContentRange.parse(range);
        boolean whole = info.statusCode() == 200 && range == null || info.statusCode() == 206 && parsed != null && parsed.isWhole();
        return whole ? md5ETag(name -> headers.firstValue(name).orElse(null)) : null;
    }

    /** The ETag where it is the MD5 of the object's bytes (see {@link #expectedMd5}), else null. */
    static String md5ETag(java.util.function.UnaryOperator<String> header) {
        String kms = header.apply("x-amz-server-side-encryption");
        if (header.apply("Content-Encoding") != null || header.apply("x-amz-server-side-encryption-customer-algorithm") != null
                || kms != null && kms.startsWith("aws:kms")) {
            return null;
        }
        String etag = S3Response.unquote(header.apply("ETag"));
        return etag != null && S3Response.PLAIN_MD5.matcher(etag).matches() ? etag : null;
    }

    // ---------------------------------------------------------------- pre-signing

    /**
     * The pre-signed URL of a request valid until {@code expires}; signed at the server-corrected time.
     */
    URI presign(S3Request<?> request, Instant expires) {
        return presign(request, now(), expires);
    }

    /** The pre-signed URL valid for {@code expiresIn} from the server-corrected now. */
    URI presign(S3Request<?> request, Duration expiresIn) {
        Instant now = now();
        return presign(request, now, now.plus(expiresIn));
    }

    private URI presign(S3Request<?> request, Instant now, Instant expires) {
        if (credentials == null) {
            throw new IllegalStateException("Pre-signing needs credentials: set accessKey and secretKey, or a credentials provider");
        }
        RequestSigner signer = signerFor(credentials.resolve());
        WireRequest wire = WireAddress.resolve(config, request.bucket(), request.key())
                .request(request.operation().method(), request.query(), request.headers(), SignerV4.UNSIGNED_PAYLOAD);
        return signer.presign(wire, now, expires).applyTo(wire).uri();
    }
}
