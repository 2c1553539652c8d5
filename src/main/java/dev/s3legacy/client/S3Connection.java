package dev.s3legacy.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteResult;
import dev.s3legacy.client.model.ErrorDocument;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.signing.RequestSigner;
import dev.s3legacy.client.signing.SignerV4;
import dev.s3legacy.client.signing.SigningRequest;
import dev.s3legacy.client.signing.V2RequestSigner;
import dev.s3legacy.client.signing.V4RequestSigner;
import dev.s3legacy.client.xml.S3Xml;
import dev.s3legacy.client.xml.S3XmlErrorDocumentException;
import dev.s3legacy.client.xml.S3XmlException;

/**
 * Signs and sends requests: the classic {@code AWSAuthConnection}, one method per classic operation,
 * plus {@link #executeAsync(S3Request)} for any request without blocking a thread while it is in flight.
 * One {@link HttpClient} with keep-alive serves every request; a connection is thread-safe and meant
 * to be shared. Failed requests throw {@link S3LegacyException}; idempotent ones are retried first.
 */
public final class S3Connection implements AutoCloseable {

    /** Error documents are read up to this size; the rest is drained. */
    static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_REDIRECTS = 3;
    private static final java.util.regex.Pattern PLAIN_MD5 = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");
    private static final System.Logger LOG = System.getLogger(S3Connection.class.getName());
    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final Set<String> CLIENT_OWNED_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** The JDK client's read buffer; its 16 KiB default halves large-download throughput (see docs). */
    static final String HTTP_BUFFER_PROPERTY = "jdk.httpclient.bufsize";

    static {
        // Read once by the JDK when its HTTP client first loads; an application's own setting wins.
        if (System.getProperty(HTTP_BUFFER_PROPERTY) == null) {
            System.setProperty(HTTP_BUFFER_PROPERTY, Integer.toString(256 * 1024));
        }
    }

    private final S3ClientConfig config;
    private final HttpClient http;
    private final RequestSigner signer;
    private final RetryPolicy retryPolicy;
    /** Server clock minus ours, learnt from a RequestTimeTooSkewed answer and kept for later requests. */
    private final AtomicLong clockOffsetMillis = new AtomicLong();
    private final java.util.concurrent.Executor blockingExecutor;
    /** The pool made here when the configuration gave none; stopped on close. */
    private final java.util.concurrent.ExecutorService ownExecutor;

    public S3Connection(S3ClientConfig config) {
        this.config = config;
        this.signer = signerFor(config);
        this.retryPolicy = new RetryPolicy(config.maxRetries(), config.retryBaseDelay());
        this.ownExecutor = config.executor() != null ? null : java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "s3legacy-blocking");
            t.setDaemon(true);
            return t;
        });
        this.blockingExecutor = config.executor() != null ? config.executor() : ownExecutor;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // S3 speaks HTTP/1.1; no h2c upgrade headers to confuse signatures
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // redirects are S3 errors handled below
                .build();
    }

    static RequestSigner signerFor(S3ClientConfig config) {
        if (config.isAnonymous()) {
            return null;
        }
        return config.signatureVersion() == SignatureVersion.V2
                ? new V2RequestSigner(config.accessKey(), config.secretKey())
                : new V4RequestSigner(config.accessKey(), config.secretKey(), config.region());
    }

    public S3ClientConfig config() {
        return config;
    }

    /** Where blocking work of this connection runs (see {@link S3ClientConfig#executor()}). */
    public java.util.concurrent.Executor blockingExecutor() {
        return blockingExecutor;
    }

    // ---------------------------------------------------------------- classic operations

    /** GET object; the caller closes the response (its body may be a temporary file). */
    public S3Response get(String bucket, String key) {
        return execute(S3Requests.get(bucket, key));
    }

    /** HEAD object: status and headers, no body. */
    public S3Response head(String bucket, String key) {
        return execute(S3Requests.head(bucket, key));
    }

    public String getAcl(String bucket, String key) {
        return execute(S3Requests.getAcl(bucket, key));
    }

    public S3Response put(String bucket, String key, RequestBody body) {
        return put(bucket, key, body, null, null);
    }

    public S3Response put(String bucket, String key, RequestBody body, String contentType, Map<String, ?> metadata) {
        return closed(execute(S3Requests.put(bucket, key, body, contentType, metadata)));
    }

    public S3Response putAcl(String bucket, String key, String aclXml) {
        return closed(execute(S3Requests.putAcl(bucket, key, aclXml)));
    }

    public S3Response delete(String bucket, String key) {
        return closed(execute(S3Requests.delete(bucket, key)));
    }

    public S3Response createBucket(String bucket) {
        return createBucket(bucket, null);
    }

    public S3Response createBucket(String bucket, String location) {
        return closed(execute(S3Requests.createBucket(bucket, location)));
    }

    public ListBucketResponse listBucket(String bucket, String prefix, String marker, Integer maxKeys, String delimiter) {
        return execute(S3Requests.listBucket(bucket, prefix, marker, maxKeys, delimiter));
    }

    /** Every page of a listing, fetched lazily page by page (marker = the previous page's next marker). */
    public Iterable<ListBucketResponse> listBucketPages(String bucket, String prefix, Integer maxKeys, String delimiter) {
        S3Names.requireValidBucket(bucket);
        return () -> new Iterator<>() {
            private ListBucketResponse last;

            public boolean hasNext() {
                return last == null || last.isTruncated() && last.getNextMarker() != null;
            }

            public ListBucketResponse next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = listBucket(bucket, prefix, last == null ? null : last.getNextMarker(), maxKeys, delimiter);
                return last;
            }
        };
    }

    public String getBucketLocation(String bucket) {
        return execute(S3Requests.getBucketLocation(bucket));
    }

    public String getBucketAcl(String bucket) {
        return execute(S3Requests.getBucketAcl(bucket));
    }

    public S3Response putBucketAcl(String bucket, String aclXml) {
        return closed(execute(S3Requests.putBucketAcl(bucket, aclXml)));
    }

    public S3Response deleteBucket(String bucket) {
        return closed(execute(S3Requests.deleteBucket(bucket)));
    }

    public String getBucketLogging(String bucket) {
        return execute(S3Requests.getBucketLogging(bucket));
    }

    public S3Response putBucketLogging(String bucket, String loggingXml) {
        return closed(execute(S3Requests.putBucketLogging(bucket, loggingXml)));
    }

    public ListAllMyBucketsResponse listAllMyBuckets() {
        return execute(S3Requests.listAllMyBuckets());
    }

    /** Server-side copy; {@code metadata} null keeps the source's metadata, else replaces it. */
    public CopyObjectResult copy(String sourceBucket, String sourceKey, String bucket, String key, Map<String, ?> metadata) {
        return execute(S3Requests.copy(sourceBucket, sourceKey, bucket, key, metadata));
    }

    /** Deletes any number of keys, {@value S3Requests#MAX_KEYS_PER_DELETE} a request; returns the keys that failed with why. */
    public DeleteResult deleteObjects(String bucket, List<String> keys) {
        return deleteObjectsAsync(bucket, keys).join();
    }

    public CompletableFuture<DeleteResult> deleteObjectsAsync(String bucket, List<String> keys) {
        List<CompletableFuture<DeleteResult>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += S3Requests.MAX_KEYS_PER_DELETE) {
            List<String> batch = keys.subList(i, Math.min(keys.size(), i + S3Requests.MAX_KEYS_PER_DELETE));
            batches.add(executeAsync(S3Requests.deleteObjects(bucket, List.copyOf(batch))));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new))
                .thenApply(v -> DeleteResult.merge(batches.stream().map(CompletableFuture::join).toList()));
    }

    private static S3Response closed(S3Response response) {
        response.close();
        return response;
    }

    // ---------------------------------------------------------------- sending

    /** Sends the request and waits; failures surface as {@link S3LegacyException} (or IllegalArgumentException for bad input). */
    public <T> T execute(S3Request<T> request) {
        try {
            return executeAsync(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S3LegacyException(request.operation().method(), S3LegacyException.NO_RESPONSE, "Interrupted",
                    "interrupted while waiting for the response", null, request.resource(), null, e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** Sends the request without blocking; the future fails with {@link S3LegacyException}. */
    public <T> CompletableFuture<T> executeAsync(S3Request<T> request) {
        RequestBody body = request.body();
        RequestBody.Digests digests;
        try {
            digests = body == null ? null : body.digests();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (digests != null && body != null && !request.headers().contains("Content-MD5")) {
            request.headers().set("Content-MD5", digests.md5Base64());
        }
        // no body: the empty body's well-known hash, without hashing anything per request
        String payloadHash = body == null ? SignerV4.EMPTY_PAYLOAD_SHA256
                : digests != null ? digests.sha256Hex() : SignerV4.UNSIGNED_PAYLOAD;
        return attempt(request, payloadHash, new Attempt());
    }

    /** What changes between tries of one request. */
    private static final class Attempt {
        int retries;
        int redirects;
        boolean skewCorrected;
        String hostOverride;

        int attempts() {
            return retries + redirects + (skewCorrected ? 1 : 0);
        }
    }

    private <T> CompletableFuture<T> attempt(S3Request<T> request, String payloadHash, Attempt state) {
        CompletableFuture<HttpResponse<SpooledBody>> sent;
        try {
            HttpRequest httpRequest = buildHttpRequest(request, payloadHash, state.hostOverride);
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} {1} ({2}) sending, attempt {3}", httpRequest.method(),
                        httpRequest.uri(), request.operation(), state.attempts() + 1);
            }
            sent = http.sendAsync(httpRequest, bodyHandler(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            try {
                if (error != null) {
                    throw transportFailure(request, unwrapCompletion(error));
                }
                LOG.log(System.Logger.Level.TRACE, "{0} {1} answered HTTP {2}", request.operation().method(),
                        request.resource(), response.statusCode());
                return CompletableFuture.completedFuture(complete(request, response));
            } catch (S3LegacyException e) {
                return retryOrFail(request, payloadHash, state, e);
            } catch (RuntimeException e) {
                return CompletableFuture.<T>failedFuture(e);
            }
        }).thenCompose(f -> f);
    }

    private <T> CompletableFuture<T> retryOrFail(S3Request<T> request, String payloadHash, Attempt state,
                                                 S3LegacyException e) {
        // A redirect or a clock-skew refusal is S3 declining before doing anything: sending again is safe
        // for any operation whose body can be produced again.
        boolean resendable = request.body() == null || request.body().isRepeatable();
        FailedAttempt hint = e instanceof FailedAttempt f ? f : null;
        String redirectHost = hint == null || hint.redirectEndpoint == null ? null : WireAddress.redirectHost(hint.redirectEndpoint);
        if (redirectHost != null && state.redirects < MAX_REDIRECTS && resendable) {
            state.redirects++;
            state.hostOverride = redirectHost;
            log(request, e, "redirected to " + state.hostOverride);
            return attempt(request, payloadHash, state);
        }
        if (hint != null && hint.clockOffsetMillis != null && !state.skewCorrected && resendable) {
            state.skewCorrected = true;
            clockOffsetMillis.set(hint.clockOffsetMillis);
            log(request, e, "clock offset now " + hint.clockOffsetMillis + " ms, signing again");
            return attempt(request, payloadHash, state);
        }
        if (RetryPolicy.isRetryable(e) && state.retries < retryPolicy.maxRetries() && request.isRetryable()) {
            state.retries++;
            Duration delay = retryPolicy.delay(state.retries, hint == null ? null : hint.retryAfter);
            log(request, e, "retry " + state.retries + " of " + retryPolicy.maxRetries() + " in " + delay.toMillis() + " ms");
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(v -> attempt(request, payloadHash, state));
        }
        log(request, e, "giving up after " + (state.attempts() + 1) + " attempt(s)");
        return CompletableFuture.failedFuture(e);
    }

    /** One DEBUG line per failed attempt: what failed and what happens next; never headers or credentials. */
    private static void log(S3Request<?> request, S3LegacyException e, String next) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "{0} {1} ({2}) failed: status {3}, {4}; {5}", request.operation().method(),
                    request.resource(), request.operation(), e.getStatusCode(), e.getErrorCode(), next);
        }
    }

    private HttpResponse.BodyHandler<SpooledBody> bodyHandler(S3Request<?> request) {
        boolean head = request.operation().method().equals("HEAD");
        return info -> {
            if (isError(info.statusCode())) {
                return new BoundedBodySubscriber(MAX_ERROR_BODY, config.readTimeout());
            }
            if (head || info.statusCode() == 304 || info.statusCode() == 204) {
                return HttpResponse.BodySubscribers.replacing(SpooledBody.empty());
            }
            return new SpoolingBodySubscriber(config.spoolThreshold(), config.spoolDirectory(),
                    expectedMd5(request, info), config.readTimeout());
        };
    }

    /**
     * The MD5 a whole object's body must have: its ETag, where S3 makes that the MD5 of the bytes (a
     * single-part object without SSE-KMS or SSE-C, sent whole and unencoded). Null where the ETag is
     * something else (multipart {@code -N}, encrypted objects, a range, another store's opaque tag).
     */
    static String expectedMd5(S3Request<?> request, HttpResponse.ResponseInfo info) {
        if (request.operation() != S3Operation.GET || info.statusCode() != 200) {
            return null;
        }
        var headers = info.headers();
        if (headers.firstValue("Content-Encoding").isPresent() || headers.firstValue("Content-Range").isPresent()
                || headers.firstValue("x-amz-server-side-encryption-customer-algorithm").isPresent()
                || headers.firstValue("x-amz-server-side-encryption").filter(v -> v.startsWith("aws:kms")).isPresent()) {
            return null;
        }
        String etag = S3Response.unquote(headers.firstValue("ETag").orElse(null));
        return etag != null && PLAIN_MD5.matcher(etag).matches() ? etag : null;
    }

    private static boolean isError(int status) {
        return status >= 300 && status != 304;
    }

    private <T> T complete(S3Request<T> request, HttpResponse<SpooledBody> http) {
        Headers headers = new Headers(http.headers().map());
        S3Response response = new S3Response(http.statusCode(), headers, http.body());
        if (isError(http.statusCode())) {
            throw errorFrom(request, response);
        }
        try {
            checkLength(request, response);
            T result = request.operation().parser().parse(response);
            if (!request.operation().parser().keepsResponse()) {
                response.close();
            }
            return result;
        } catch (S3XmlErrorDocumentException e) {
            response.close();
            ErrorDocument doc = e.getErrorDocument();
            throw new S3LegacyException(request.operation().method(), response.statusCode(), doc.getCode(), doc.getMessage(),
                    doc.getRequestId(), request.resource(), null, null);
        } catch (S3XmlException | IOException e) {
            response.close();
            throw new S3LegacyException(request.operation().method(), response.statusCode(), "InvalidResponse",
                    "unreadable response: " + e.getMessage(), response.requestId(), request.resource(), null, e);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** A body shorter or longer than its Content-Length is a failed transfer, never a short object. */
    private static void checkLength(S3Request<?> request, S3Response response) {
        if (request.operation().method().equals("HEAD") || response.statusCode() == 304 || response.statusCode() == 204
                || response.headers().contains("Content-Encoding")) {
            return;
        }
        long declared = response.contentLength();
        if (declared >= 0 && declared != response.body().length()) {
            throw new S3LegacyException(request.operation().method(), response.statusCode(), "IncompleteBody",
                    "received " + response.body().length() + " bytes of " + declared, response.requestId(),
                    request.resource(), null, null);
        }
    }

    private S3LegacyException errorFrom(S3Request<?> request, S3Response response) {
        String method = request.operation().method();
        byte[] body = response.body().bytes();
        ErrorDocument doc = S3Xml.parseError(body);
        int status = response.statusCode();
        String code = doc.getCode() != null ? doc.getCode() : codeForStatus(status, request);
        String requestId = doc.getRequestId() != null ? doc.getRequestId() : response.requestId();
        String text = body.length == 0 ? null : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        String message = doc.getMessage();
        String resource = request.resource();
        String redirect = "PermanentRedirect".equals(code) || "TemporaryRedirect".equals(code) ? doc.getEndpoint() : null;
        Instant serverTime = "RequestTimeTooSkewed".equals(code) ? S3Response.parseHttpDate(response.header("Date")) : null;
        Long offset = serverTime == null ? null : serverTime.toEpochMilli() - System.currentTimeMillis();
        return new FailedAttempt(method, status, code, message, requestId, resource, text, redirect, offset,
                RetryPolicy.parseRetryAfter(response.header("Retry-After")));
    }

    /** S3's code for a status whose response has no error document (HEAD, or a proxy's page). */
    static String codeForStatus(int status, S3Request<?> request) {
        return switch (status) {
            case 301 -> "PermanentRedirect";
            case 307 -> "TemporaryRedirect";
            case 400 -> "BadRequest";
            case 403 -> "AccessDenied";
            case 404 -> request.key() != null ? "NoSuchKey" : "NoSuchBucket";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 416 -> "InvalidRange";
            case 500 -> "InternalError";
            case 501 -> "NotImplemented";
            case 503 -> "ServiceUnavailable";
            default -> "HttpStatus" + status;
        };
    }

    private static S3LegacyException transportFailure(S3Request<?> request, Throwable error) {
        if (error instanceof S3LegacyException e) {
            return e;
        }
        if (error instanceof RuntimeException e && !(error instanceof java.io.UncheckedIOException)) {
            throw e;
        }
        if (error instanceof SpoolingBodySubscriber.DigestMismatchException) {
            // Only whole 200 responses are checked; a corrupted transfer of a GET is worth another try.
            return new S3LegacyException(request.operation().method(), 200, "BadDigest", error.getMessage(), null,
                    request.resource(), null, error);
        }
        String code = error instanceof HttpTimeoutException ? "Timeout"
                : error instanceof ConnectException ? "ConnectionRefused" : "ConnectionFailed";
        Throwable cause = error instanceof java.io.UncheckedIOException u ? u.getCause() : error;
        return new S3LegacyException(request.operation().method(), S3LegacyException.NO_RESPONSE, code,
                String.valueOf(cause.getMessage()), null, request.resource(), null,
                cause instanceof IOException ? cause : new IOException(cause));
    }

    private static Throwable unwrapCompletion(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static RuntimeException unwrap(Throwable t) {
        t = unwrapCompletion(t);
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    private HttpRequest buildHttpRequest(S3Request<?> request, String payloadHash, String hostOverride) {
        WireAddress address = WireAddress.resolve(config, request.bucket(), request.key(), hostOverride);
        Headers headers = request.headers().copy();
        SigningRequest signing = new SigningRequest(request.operation().method(), address.host(), address.rawPath(),
                address.v2ResourcePath(), request.query(), headers, payloadHash);
        if (signer != null) {
            signer.sign(signing, now());
        }
        RequestBody body = request.body();
        HttpRequest.Builder b = HttpRequest.newBuilder(address.uri(request.query()))
                .timeout(config.requestTimeout())
                .method(request.operation().method(), body == null ? HttpRequest.BodyPublishers.noBody() : body.publisher());
        headers.asMap().forEach((name, values) -> {
            if (!CLIENT_OWNED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    private Instant now() {
        return Instant.now().plusMillis(clockOffsetMillis.get());
    }

    /**
     * The pre-signed URL of a request (the classic QueryStringAuthGenerator): anyone holding it can
     * make that one request until {@code expires}.
     */
    public URI presign(S3Request<?> request, Instant expires) {
        if (signer == null) {
            throw new IllegalStateException("Pre-signing needs credentials: set accessKey and secretKey");
        }
        WireAddress address = WireAddress.resolve(config, request.bucket(), request.key());
        SigningRequest signing = new SigningRequest(request.operation().method(), address.host(), address.rawPath(),
                address.v2ResourcePath(), request.query(), request.headers().copy(), SignerV4.UNSIGNED_PAYLOAD);
        signer.presign(signing, now(), expires);
        return address.uri(signing.query());
    }

    /** The clock offset learnt from the server, in milliseconds (0 until a skew was corrected). */
    public long clockOffsetMillis() {
        return clockOffsetMillis.get();
    }

    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
        // HttpClient has no close() before Java 21; its idle connections end with it being unreachable.
    }

    @Override
    public String toString() {
        return "S3Connection[" + config + "]";
    }

    /**
     * A failed attempt with what the response said about trying again: the endpoint a redirect named,
     * the server's clock offset of a RequestTimeTooSkewed, or a Retry-After pause. Each may be null.
     */
    private static final class FailedAttempt extends S3LegacyException {
        private static final long serialVersionUID = 1L;
        final String redirectEndpoint;
        final Long clockOffsetMillis;
        final Duration retryAfter;

        FailedAttempt(String method, int status, String code, String message, String requestId, String resource,
                      String doc, String redirectEndpoint, Long clockOffsetMillis, Duration retryAfter) {
            super(method, status, code, message, requestId, resource, doc, null);
            this.redirectEndpoint = redirectEndpoint;
            this.clockOffsetMillis = clockOffsetMillis;
            this.retryAfter = retryAfter;
        }
    }
}
