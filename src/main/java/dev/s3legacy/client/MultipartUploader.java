package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.PartETag;

/**
 * Uploads one object as an S3 multipart upload: initiate, send the parts with at most {@code concurrency}
 * in flight, complete with their ETags in order. Any failure aborts the upload, so no parts are left
 * behind. A repeatable body of known length is cut into slices read straight from the source (each one
 * retryable by the connection); any other body is read once, in order, each part spooled to a temporary
 * file that is deleted as soon as the part was sent. Memory stays bounded whatever the object's size:
 * at most {@code concurrency} parts exist at once, on disk, and the source is not read ahead of a free slot.
 */
public final class MultipartUploader {

    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    /** S3 refuses smaller parts, except the last one. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3 refuses larger parts. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    /** S3 accepts at most this many parts in one upload. */
    public static final int MAX_PARTS = 10_000;
    public static final int DEFAULT_CONCURRENCY = 4;

    private static final int READ_BUFFER = 64 * 1024;

    private final Sender sender;
    private final long partSize;
    private final int concurrency;
    private final Path spoolDirectory;
    private final java.util.concurrent.Executor executor;

    public MultipartUploader(S3Connection connection) {
        this(connection, DEFAULT_PART_SIZE, DEFAULT_CONCURRENCY);
    }

    public MultipartUploader(S3Connection connection, long partSize, int concurrency) {
        this(connection, checkPartSize(partSize), concurrency, connection::executeAsync);
    }

    /** For tests: any part size, and a sender that may watch or fail requests. */
    MultipartUploader(S3Connection connection, long partSize, int concurrency, Sender sender) {
        if (partSize < 1 || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be 1 to " + MAX_PART_SIZE + " bytes, was " + partSize);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be 1 or more, was " + concurrency);
        }
        this.sender = Objects.requireNonNull(sender, "sender");
        this.partSize = partSize;
        this.concurrency = concurrency;
        this.spoolDirectory = connection.config().spoolDirectory();
        this.executor = connection.blockingExecutor();
    }

    private static long checkPartSize(long partSize) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be " + MIN_PART_SIZE + " (5 MiB, S3's minimum) to "
                    + MAX_PART_SIZE + " bytes (5 GiB), was " + partSize);
        }
        return partSize;
    }

    public long partSize() {
        return partSize;
    }

    public int concurrency() {
        return concurrency;
    }

    /**
     * Uploads and waits. Invalid input throws IllegalArgumentException before anything is sent; a failed
     * request throws {@link S3LegacyException}; a failing source stream throws UncheckedIOException.
     *
     * @param extraHeaders headers for the initiating request, such as {@code x-amz-acl}; may be null
     */
    public CompleteMultipartUploadResult upload(String bucket, String key, RequestBody body, String contentType,
                                                Map<String, ?> metadata, Headers extraHeaders) {
        S3Request<InitiateMultipartUploadResult> initiate = initiateRequest(bucket, key, contentType, metadata, extraHeaders);
        try {
            return run(initiate, Objects.requireNonNull(body, "body"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Uploads on one dedicated thread, which reads the source and waits for free slots; parts in flight
     * hold no thread. The future fails with the original error (an abort's failure added as suppressed).
     */
    public CompletableFuture<CompleteMultipartUploadResult> uploadAsync(String bucket, String key, RequestBody body,
                                                                       String contentType, Map<String, ?> metadata,
                                                                       Headers extraHeaders) {
        S3Request<InitiateMultipartUploadResult> initiate = initiateRequest(bucket, key, contentType, metadata, extraHeaders);
        Objects.requireNonNull(body, "body");
        CompletableFuture<CompleteMultipartUploadResult> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(run(initiate, body));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("The S3 connection is closed", e));
        }
        return result;
    }

    private static S3Request<InitiateMultipartUploadResult> initiateRequest(String bucket, String key, String contentType,
                                                                            Map<String, ?> metadata, Headers extraHeaders) {
        S3Request<InitiateMultipartUploadResult> initiate = S3Requests.initiateMultipartUpload(bucket, key, contentType, metadata);
        if (extraHeaders != null) {
            extraHeaders.asMap().forEach((name, values) -> values.forEach(v -> initiate.header(name, v)));
        }
        return initiate;
    }

    private CompleteMultipartUploadResult run(S3Request<InitiateMultipartUploadResult> initiate, RequestBody body)
            throws IOException {
        String bucket = initiate.bucket();
        String key = initiate.key();
        // chosen before initiating: a body too large for MAX_PARTS fails without leaving an upload open
        PartSource source = body.isRepeatable() && body.contentLength() >= 0 ? new Slices(body) : new SpooledParts(body);
        String uploadId = join(sender.send(initiate)).getUploadId();
        try {
            List<PartETag> parts = sendParts(bucket, key, uploadId, source);
            // a 200 carrying an <Error> document fails here too (S3Connection raises it), and so aborts
            return join(sender.send(S3Requests.completeMultipartUpload(bucket, key, uploadId, parts)));
        } catch (Throwable e) {
            abort(bucket, key, uploadId, e);
            throw e;
        }
    }

    private List<PartETag> sendParts(String bucket, String key, String uploadId, PartSource source) throws IOException {
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<PartETag>> sent = new ArrayList<>();
        try {
            for (int n = 1; ; n++) {
                slots.acquire(); // back-pressure: part n is not read before a slot is free
                Part part = failure.get() == null ? source.next(n) : null;
                if (part == null) {
                    slots.release();
                    break;
                }
                sent.add(sendPart(bucket, key, uploadId, n, part.body()).whenComplete((etag, error) -> {
                    part.close(); // its temporary file goes before the slot frees: at most `concurrency` on disk
                    slots.release();
                    if (error != null) {
                        failure.compareAndSet(null, error instanceof CompletionException ? error.getCause() : error);
                    }
                }));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to send a part");
        } finally {
            // parts in flight settle first: an abort must not race them, and their files must be gone
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        }
        if (failure.get() != null) {
            throw unchecked(failure.get());
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<PartETag> sendPart(String bucket, String key, String uploadId, int n, RequestBody body) {
        try {
            S3Request<S3Response> request = S3Requests.uploadPart(bucket, key, uploadId, n, body);
            return sender.send(request).thenApply(response -> {
                response.close();
                if (response.eTag() == null) {
                    throw new S3LegacyException("PUT", response.statusCode(), "InvalidResponse",
                            "part " + n + " was answered without an ETag", response.requestId(), request.resource(), null, null);
                }
                return new PartETag(n, response.eTag());
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** DELETE ?uploadId, so S3 keeps (and bills) no parts; its own failure is added to the original one. */
    private void abort(String bucket, String key, String uploadId, Throwable failure) {
        try {
            join(sender.send(S3Requests.abortMultipartUpload(bucket, key, uploadId))).close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Waits without being interruptible (cleanup must finish) and throws the failure itself. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }

    /** Sends a request: the connection's executeAsync, or a test's wrapper around it. */
    interface Sender {
        <T> CompletableFuture<T> send(S3Request<T> request);
    }

    /** One part's body and the temporary file (if any) to delete once it was sent. */
    private record Part(RequestBody body, SpooledBody spooled) {
        void close() {
            if (spooled != null) {
                spooled.close();
            }
        }
    }

    /** Gives the parts in order; null once the body is exhausted. */
    private interface PartSource {
        Part next(int partNumber) throws IOException;
    }

    /** Slices of a repeatable body of known length, each read straight from the source when sent. */
    private final class Slices implements PartSource {
        private final RequestBody body;
        private final long count;

        Slices(RequestBody body) {
            this.body = body;
            this.count = Math.max(1, (body.contentLength() + partSize - 1) / partSize); // an empty body is one empty part
            if (count > MAX_PARTS) {
                throw new IllegalArgumentException("A body of " + body.contentLength() + " bytes needs " + count
                        + " parts of " + partSize + " bytes, more than S3's " + MAX_PARTS + ": raise partSize");
            }
        }

        public Part next(int n) {
            if (n > count) {
                return null;
            }
            long offset = (n - 1) * partSize;
            return new Part(body.slice(offset, Math.min(partSize, body.contentLength() - offset)), null);
        }
    }

    /** A body read once, in order, each part spooled to a temporary file (none of it kept in the heap). */
    private final class SpooledParts implements PartSource {
        private final InputStream in;
        private final long declaredLength;
        private final byte[] buffer = new byte[READ_BUFFER];
        private long total;
        private boolean ended;

        SpooledParts(RequestBody body) throws IOException {
            this.in = body.openStream();
            this.declaredLength = body.contentLength();
        }

        public Part next(int n) throws IOException {
            if (ended) {
                return null;
            }
            SpooledBody part;
            try (Spooler spooler = new Spooler(0, spoolDirectory)) { // threshold 0: straight to disk
                for (long room = partSize; room > 0; ) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, room));
                    if (read < 0) {
                        ended = true;
                        break;
                    }
                    spooler.write(ByteBuffer.wrap(buffer, 0, read));
                    room -= read;
                }
                part = spooler.finish();
            }
            total += part.length();
            boolean wrongLength = declaredLength >= 0 && (total > declaredLength || ended && total != declaredLength);
            if (wrongLength || n > MAX_PARTS && part.length() > 0) {
                part.close();
                throw new IOException(wrongLength
                        ? (ended ? "The stream ended after " + total + " of the " : "The stream gave more than the ") + declaredLength + " bytes declared"
                        : "The stream needs more than " + MAX_PARTS + " parts of " + partSize + " bytes: raise partSize");
            }
            if (part.length() == 0 && n > 1) {
                return null; // the previous part ended exactly at the end; an empty part holds no file
            }
            return new Part(part.asRequestBody(), part);
        }
    }
}
