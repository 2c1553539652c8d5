package dev.s3legacy.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteResult;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;

/**
 * Signs and sends requests: the classic {@code AWSAuthConnection}, one method per classic operation,
 * plus {@link #executeAsync(S3Request)} for any request without blocking a thread while it is in flight.
 * One HTTP client with keep-alive serves every request; a connection is thread-safe and meant to be
 * shared, and closed when done. Failed requests throw {@link S3LegacyException}; idempotent ones are
 * retried first (see {@link RequestPipeline}).
 */
public final class S3Connection implements AutoCloseable {

    private final S3ClientConfig config;
    private final HttpTransport transport;
    /** Whether {@link #transport} was made here (closed with this connection) or handed in (its owner closes it). */
    private final boolean ownTransport;
    private final RequestPipeline pipeline;
    private final RangedDownload rangedDownload;
    private final Executor blockingExecutor;
    /** The pools made here when the configuration gave none; stopped on close. */
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService ownScheduler;
    /** Names this connection's own threads apart from another's. */
    final int id = IDS.incrementAndGet();
    private static final AtomicInteger IDS = new AtomicInteger();

    public S3Connection(S3ClientConfig config) {
        this(config, null);
    }

    /**
     * A connection sending through a transport shared with other connections (see {@link TransportRegistry}),
     * which this connection does not close; null makes one of its own. The shared transport must have been
     * made for this configuration's {@link S3ClientConfig#transportSettings()}.
     */
    public S3Connection(S3ClientConfig config, HttpTransport sharedTransport) {
        if (sharedTransport != null && !sharedTransport.settings().equals(config.transportSettings())) {
            throw new IllegalArgumentException("The shared transport was made for other settings: " + sharedTransport.settings());
        }
        this.config = config;
        this.ownExecutor = config.executor() != null ? null : Executors.newCachedThreadPool(daemon("s3legacy-worker-" + id));
        this.blockingExecutor = config.executor() != null ? config.executor() : ownExecutor;
        this.ownScheduler = config.scheduler() != null ? null : Executors.newSingleThreadScheduledExecutor(daemon("s3legacy-timer-" + id));
        this.ownTransport = sharedTransport == null;
        this.transport = ownTransport ? new HttpTransport(config.transportSettings(), blockingExecutor) : sharedTransport;
        this.pipeline = new RequestPipeline(config, transport, config.scheduler() != null ? config.scheduler() : ownScheduler,
                blockingExecutor);
        this.rangedDownload = new RangedDownload(pipeline, config, blockingExecutor);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public S3ClientConfig config() {
        return config;
    }

    /** The transport this connection sends through (shared with others of equal settings, or its own). */
    public HttpTransport transport() {
        return transport;
    }

    /** Where blocking work of this connection runs (see {@link S3ClientConfig#executor()}). */
    public Executor blockingExecutor() {
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

    /**
     * Every page of a listing, fetched lazily page by page (marker = the previous page's next marker).
     * A store that answers a truncated page without a marker that moves forward would make this loop
     * for ever: that fails with an {@link S3LegacyException} naming the marker instead.
     */
    public Iterable<ListBucketResponse> listBucketPages(String bucket, String prefix, Integer maxKeys, String delimiter) {
        S3Names.requireValidBucket(bucket);
        return () -> new Iterator<>() {
            private ListBucketResponse last;
            private String marker;

            public boolean hasNext() {
                return last == null || last.isTruncated() && last.getNextMarker() != null;
            }

            public ListBucketResponse next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String next = last == null ? null : last.getNextMarker();
                if (last != null) {
                    ListingProgress.requireAdvance(bucket, marker, next);
                }
                marker = next;
                last = listBucket(bucket, prefix, marker, maxKeys, delimiter);
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

    /** Deletes any number of keys, {@value S3Limits#MAX_KEYS_PER_DELETE} a request; returns the keys that failed with why. */
    public DeleteResult deleteObjects(String bucket, List<String> keys) {
        return deleteObjectsAsync(bucket, keys).join();
    }

    public CompletableFuture<DeleteResult> deleteObjectsAsync(String bucket, List<String> keys) {
        S3Requests.requireKeys(keys); // all of them before the first batch goes
        List<CompletableFuture<DeleteResult>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += S3Limits.MAX_KEYS_PER_DELETE) {
            List<String> batch = keys.subList(i, Math.min(keys.size(), i + S3Limits.MAX_KEYS_PER_DELETE));
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
        CompletableFuture<T> future = executeAsync(request);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Nobody will take the answer: close it when it comes (its body may be a temporary file). Not
            // cancelled: a cancelled future would drop the answer that still arrives, file and all.
            future.whenComplete((result, error) -> closeQuietly(result));
            throw new Outcome.TransportError(Outcome.TransportKind.INTERRUPTED, S3LegacyException.NO_RESPONSE,
                    "interrupted while waiting for the response", e).toException(request);
        } catch (ExecutionException e) {
            Throwable cause = ResponseClassifier.unwrap(e);
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    private static void closeQuietly(Object result) {
        if (result instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a temporary file that cannot be deleted is logged by the spooler
            }
        }
    }

    /**
     * Sends the request without blocking; the future fails with {@link S3LegacyException}. A GET of a whole
     * object goes as parallel ranged GETs into the spool file (see {@link S3ClientConfig#downloadPartSize()}).
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> executeAsync(S3Request<T> request) {
        if (RangedDownload.applies(request, config)) {
            return (CompletableFuture<T>) rangedDownload.send((S3Request<S3Response>) request);
        }
        return pipeline.send(request);
    }

    /**
     * The pre-signed URL of a request (the classic QueryStringAuthGenerator): anyone holding it can
     * make that one request until {@code expires}.
     */
    public URI presign(S3Request<?> request, Instant expires) {
        return pipeline.presign(request, expires);
    }

    /**
     * The pre-signed URL of a request valid for {@code expiresIn} from now by the server's clock (as
     * learnt from a clock-skew answer), so a host whose clock is off still makes URLs that work.
     */
    public URI presign(S3Request<?> request, Duration expiresIn) {
        return pipeline.presign(request, expiresIn);
    }

    /** The clock offset learnt from the server, in milliseconds (0 until a skew was corrected). */
    public long clockOffsetMillis() {
        return pipeline.clockOffsetMillis();
    }

    /** Stops the HTTP client (unless shared) where the runtime allows and the pools this connection made itself. */
    @Override
    public void close() {
        if (ownTransport) {
            transport.close();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "S3Connection[" + config + "]";
    }
}
