package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.PartETag;

/**
 * Uploads one object as an S3 multipart upload: initiate, send the parts with at most {@code concurrency}
 * in flight, complete with their ETags in order. A failure aborts the upload, so no parts are left
 * behind, except where the Complete may have succeeded (see {@link MultipartUpload#complete}). A repeatable body of known
 * length is cut into slices read straight from the source (each one retryable by the connection); any
 * other body is read once, in order, each part spooled to a temporary file that is deleted as soon as the
 * part was sent. Memory stays bounded whatever the object's size: at most {@code concurrency} parts exist
 * at once, on disk, and the source is not read ahead of a free slot.
 * <p>
 * Part sizes keep within S3's 10,000 parts: a body of known length gets parts of at least
 * length / 10,000 ({@link #partSizeFor}); a stream of unknown length starts at the configured size and
 * grows its parts as it goes ({@link #partSizeOf}).
 */
public final class MultipartUploader {

    /** A stream of unknown length doubles its part size after every this many parts (see {@link #partSizeOf}). */
    static final int PARTS_PER_DOUBLING = 900;

    private static final long MIB = 1024 * 1024;
    private static final int READ_BUFFER = 64 * 1024;

    private final S3Connection connection;
    private final Sender sender;
    private final long partSize;
    private final int concurrency;
    private final Path spoolDirectory;
    private final java.util.concurrent.Executor executor;
    /** Encryption, storage class, content headers: on the initiate; an SSE-C key also on every part, the Complete and the HEAD. */
    private final ObjectWriteOptions options;
    /** Counts the parts' bytes as they are sent, or null. */
    private final TransferMeter progress;

    public MultipartUploader(S3Connection connection) {
        this(connection, S3Limits.DEFAULT_PART_SIZE, S3Limits.DEFAULT_MULTIPART_CONCURRENCY);
    }

    public MultipartUploader(S3Connection connection, long partSize, int concurrency) {
        this(connection, checkPartSize(partSize), concurrency, connection::executeAsync);
    }

    /** For tests: any part size, and a sender that may watch or fail requests. */
    MultipartUploader(S3Connection connection, long partSize, int concurrency, Sender sender) {
        this(connection, partSize, concurrency, sender, ObjectWriteOptions.NONE, null);
    }

    private MultipartUploader(S3Connection connection, long partSize, int concurrency, Sender sender, ObjectWriteOptions options,
                              TransferMeter progress) {
        if (partSize < 1 || partSize > S3Limits.MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be 1 to " + S3Limits.MAX_PART_SIZE + " bytes, was " + partSize);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be 1 or more, was " + concurrency);
        }
        this.sender = Objects.requireNonNull(sender, "sender");
        this.partSize = partSize;
        this.concurrency = concurrency;
        this.spoolDirectory = connection.config().spoolDirectory();
        this.executor = connection.blockingExecutor();
        this.options = Objects.requireNonNull(options, "options");
        this.connection = connection;
        this.progress = progress;
    }

    /** The same uploader writing the object with these options (an SSE-C key goes with every part too). */
    public MultipartUploader withOptions(ObjectWriteOptions writeOptions) {
        return new MultipartUploader(connection, partSize, concurrency, sender, writeOptions, progress);
    }

    /**
     * The same uploader counting the parts' bytes on {@code meter} as they are sent (a retried part once); for one
     * upload, as a meter is one transfer's. A stream of unknown length gets its total when its last part was read.
     */
    public MultipartUploader withProgress(TransferMeter meter) {
        return new MultipartUploader(connection, partSize, concurrency, sender, options, meter);
    }

    /**
     * The part size for a body of {@code length} bytes: the configured one if 10,000 parts of it hold the
     * body, else the smallest whole number of MiB that does. Chosen before initiating, so a body too large
     * for S3 fails without leaving an upload open (and not after 156 GiB of 16 MiB parts).
     */
    static long partSizeFor(long length, long configured) {
        if (length <= configured * S3Limits.MAX_PARTS) {
            return configured;
        }
        long needed = ((length + S3Limits.MAX_PARTS - 1) / S3Limits.MAX_PARTS + MIB - 1) / MIB * MIB;
        if (needed > S3Limits.MAX_PART_SIZE) {
            throw new IllegalArgumentException("A body of " + length + " bytes does not fit in S3's " + S3Limits.MAX_PARTS
                    + " parts of at most " + S3Limits.MAX_PART_SIZE + " bytes (5 GiB)");
        }
        return needed;
    }

    /**
     * The size of part {@code partNumber} of a stream of unknown length. Parts 1 to 900 have the configured
     * size, parts 901 to 1,800 twice that, and so on, doubling every {@value #PARTS_PER_DOUBLING} parts, never
     * above 5 GiB. From the 5 MiB minimum on, 10,000 such parts hold 9.3 TiB, more than S3's 5 TiB maximum
     * (doubling every 1,000 parts would hold only 4.9 TiB from 5 MiB). Small streams keep the configured size;
     * a large one needs spool space of {@code concurrency} times its current part size.
     */
    static long partSizeOf(int partNumber, long configured) {
        long size = configured;
        for (int doublings = (partNumber - 1) / PARTS_PER_DOUBLING; doublings > 0 && size < S3Limits.MAX_PART_SIZE; doublings--) {
            size <<= 1;
        }
        return Math.min(size, S3Limits.MAX_PART_SIZE);
    }

    private static long checkPartSize(long partSize) {
        if (partSize < S3Limits.MIN_PART_SIZE || partSize > S3Limits.MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be " + S3Limits.MIN_PART_SIZE + " (5 MiB, S3's minimum) to "
                    + S3Limits.MAX_PART_SIZE + " bytes (5 GiB), was " + partSize);
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

    private S3Request<InitiateMultipartUploadResult> initiateRequest(String bucket, String key, String contentType,
                                                                            Map<String, ?> metadata, Headers extraHeaders) {
        S3Request<InitiateMultipartUploadResult> initiate = options.applyTo(
                S3Requests.initiateMultipartUpload(bucket, key, contentType, metadata));
        if (extraHeaders != null) {
            extraHeaders.asMap().forEach((name, values) -> values.forEach(v -> initiate.header(name, v)));
        }
        return initiate;
    }

    private CompleteMultipartUploadResult run(S3Request<InitiateMultipartUploadResult> initiate, RequestBody body)
            throws IOException {
        // chosen before initiating: a body too large for S3Limits.MAX_PARTS fails without leaving an upload open
        MultipartUpload.PartSource source = body.isRepeatable() && body.contentLength() >= 0 ? new Slices(body) : new SpooledParts(body);
        MultipartUpload upload = MultipartUpload.initiate(sender, options, initiate, progress);
        List<PartETag> parts;
        try {
            parts = upload.sendParts(concurrency, source);
        } catch (Throwable e) {
            upload.abort(e);
            throw e;
        }
        if (progress != null) {
            progress.total(source.length()); // a stream's length is known now that it ended
        }
        return upload.complete(parts, source.length());
    }

    /** Sends a request: the connection's executeAsync, or a test's wrapper around it. */
    interface Sender {
        <T> CompletableFuture<T> send(S3Request<T> request);
    }

    /** One part's body and the temporary file (if any) to delete once it was sent. */
    private record Part(RequestBody body, SpooledBody spooled) implements MultipartUpload.Part {
        public CompletableFuture<PartETag> send(MultipartUpload upload, int n) {
            S3Request<S3Response> request = upload.options().applyToRead(
                    S3Requests.uploadPart(upload.bucket(), upload.key(), upload.uploadId(), n, body)).progress(upload.progress());
            return upload.sender().send(request).thenApply(response -> {
                response.close();
                if (response.eTag() == null) {
                    throw new S3LegacyException("PUT", response.statusCode(), "InvalidResponse",
                            "part " + n + " was answered without an ETag", response.requestId(), request.resource(), null, null);
                }
                return new PartETag(n, response.eTag());
            });
        }

        public void close() {
            if (spooled != null) {
                spooled.close();
            }
        }
    }

    /** Slices of a repeatable body of known length, each read straight from the source when sent. */
    private final class Slices implements MultipartUpload.PartSource {
        private final RequestBody body;
        private final long size;
        private final long count;

        Slices(RequestBody body) {
            this.body = body;
            this.size = partSizeFor(body.contentLength(), partSize);
            this.count = Math.max(1, (body.contentLength() + size - 1) / size); // an empty body is one empty part
        }

        public Part next(int n) {
            if (n > count) {
                return null;
            }
            long offset = (n - 1) * size;
            return new Part(body.slice(offset, Math.min(size, body.contentLength() - offset)), null);
        }

        public long length() {
            return body.contentLength();
        }
    }

    /** A body read once, in order, each part spooled to a temporary file (none of it kept in the heap). */
    private final class SpooledParts implements MultipartUpload.PartSource {
        private final InputStream in;
        private final long declaredLength;
        /** The part size for a declared length; -1 for an unknown one, whose parts grow (see partSizeOf). */
        private final long fixedSize;
        private final byte[] buffer = new byte[READ_BUFFER];
        private long total;
        private boolean ended;

        SpooledParts(RequestBody body) throws IOException {
            this.declaredLength = body.contentLength();
            this.fixedSize = declaredLength >= 0 ? partSizeFor(declaredLength, partSize) : -1;
            this.in = body.openStream();
        }

        public long length() {
            return total;
        }

        public Part next(int n) throws IOException {
            if (ended) {
                return null;
            }
            long size = fixedSize >= 0 ? fixedSize : partSizeOf(n, partSize);
            SpooledBody part;
            try (Spooler spooler = new Spooler(0, spoolDirectory)) { // threshold 0: straight to disk
                for (long room = size; room > 0; ) {
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
            if (wrongLength || n > S3Limits.MAX_PARTS && part.length() > 0) {
                part.close();
                throw new IOException(wrongLength
                        ? (ended ? "The stream ended after " + total + " of the " : "The stream gave more than the ") + declaredLength + " bytes declared"
                        : "The stream needs more than " + S3Limits.MAX_PARTS + " parts (" + total + " bytes read so far)");
            }
            if (part.length() == 0 && n > 1) {
                return null; // the previous part ended exactly at the end; an empty part holds no file
            }
            return new Part(part.asRequestBody(), part);
        }
    }
}
