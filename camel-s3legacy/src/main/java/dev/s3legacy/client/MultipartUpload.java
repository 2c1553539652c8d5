package dev.s3legacy.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.PartETag;

/**
 * One multipart upload from its initiation on: its parts sent with at most {@code concurrency} in flight,
 * then completed (checking the object when the Complete's answer is unclear) or aborted. What a part is
 * differs: {@link MultipartUploader} sends parts of data, {@link MultipartCopier} parts copied from another
 * object; this is the rest, shared.
 */
final class MultipartUpload {

    private final MultipartUploader.Sender sender;
    /** An SSE-C key goes with every part, the Complete and the HEAD; nothing else of them. */
    private final ObjectWriteOptions options;
    private final String bucket;
    private final String key;
    private final String uploadId;
    /** Where the parts' bytes are counted, or null when nobody watches this upload. */
    private final TransferMeter progress;

    private MultipartUpload(MultipartUploader.Sender sender, ObjectWriteOptions options, String bucket, String key, String uploadId,
                            TransferMeter progress) {
        this.sender = sender;
        this.options = options;
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
        this.progress = progress;
    }

    /** Sends the initiating request (already carrying the object's headers) and returns the open upload. */
    static MultipartUpload initiate(MultipartUploader.Sender sender, ObjectWriteOptions options,
                                    S3Request<InitiateMultipartUploadResult> initiate, TransferMeter progress) {
        String uploadId = join(sender.send(initiate)).getUploadId();
        return new MultipartUpload(sender, options, initiate.bucket(), initiate.key(), uploadId, progress);
    }

    /** The upload's meter, or null. */
    TransferMeter progress() {
        return progress;
    }

    String bucket() {
        return bucket;
    }

    String key() {
        return key;
    }

    String uploadId() {
        return uploadId;
    }

    MultipartUploader.Sender sender() {
        return sender;
    }

    ObjectWriteOptions options() {
        return options;
    }

    /** One part to send; closed once it was sent, successfully or not. */
    interface Part {
        /** Sends it as part {@code n} of {@code upload}; completes with the part's ETag. */
        CompletableFuture<PartETag> send(MultipartUpload upload, int n);

        default void close() {
        }
    }

    /** Gives the parts in order; null once there are no more. */
    interface PartSource {
        Part next(int partNumber) throws IOException;

        /** Bytes in all parts, once the last was given. */
        long length();
    }

    /**
     * Sends every part, at most {@code concurrency} in flight; part n is not taken from the source before a
     * slot is free. Returns the parts' ETags in order; throws the first failure once every part in flight settled.
     */
    List<PartETag> sendParts(int concurrency, PartSource source) throws IOException {
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
                sent.add(send(part, n).whenComplete((etag, error) -> {
                    part.close(); // its temporary file (if any) goes before the slot frees
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

    private CompletableFuture<PartETag> send(Part part, int n) {
        try {
            return part.send(this, n);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Completes the upload. The connection retries a Complete answered with a 5xx or InternalError (also a
     * 200 carrying an {@code <Error>}), since completing the same upload id with the same parts again is
     * harmless. A Complete may have succeeded although no answer says so: when its answer was lost, the
     * retry meets NoSuchUpload; when every try failed, S3 may still have finished it. In both cases the
     * object is looked at first (HEAD): if it is the one these parts make, the upload succeeded. Otherwise
     * NoSuchUpload is thrown as it is (there is nothing left to abort), and any other failure aborts the
     * upload. If the HEAD itself fails, the upload is not aborted (it may be the completed object's) and
     * the failure is thrown; an open upload then remains until a lifecycle rule or a caller aborts it.
     */
    CompleteMultipartUploadResult complete(List<PartETag> parts, long length) {
        try {
            // SSE-C on the Complete too: harmless, and required where a bucket policy demands it on every write
            return join(sender.send(options.applyToRead(S3Requests.completeMultipartUpload(bucket, key, uploadId, parts))));
        } catch (S3LegacyException e) {
            if (e.getStatusCode() / 100 == 4 && e.getStatusCode() != 404) {
                abort(e); // refused (InvalidPart, EntityTooSmall, AccessDenied...): nothing was completed
                throw e;
            }
            CompleteMultipartUploadResult found;
            try {
                found = completedObject(parts, length);
            } catch (RuntimeException headFailure) {
                e.addSuppressed(headFailure);
                throw e;
            }
            if (found != null) {
                return found;
            }
            if (!"NoSuchUpload".equals(e.getErrorCode())) {
                abort(e);
            }
            throw e;
        } catch (RuntimeException e) {
            abort(e);
            throw e;
        }
    }

    /** The object under the key if it is the one completed from {@code parts} ({@code length} bytes); null if not, or absent. */
    private CompleteMultipartUploadResult completedObject(List<PartETag> parts, long length) {
        S3Response head;
        try {
            head = join(sender.send(options.applyToRead(S3Requests.head(bucket, key))));
        } catch (S3LegacyException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
        head.close();
        String etag = head.eTag();
        if (etag == null || head.contentLength() >= 0 && head.contentLength() != length) {
            return null;
        }
        String expected = multipartETag(parts);
        boolean ours = expected != null ? expected.equalsIgnoreCase(etag)
                // Part ETags that are not MD5s (SSE-C, SSE-KMS, some gateways) cannot be combined into the
                // object's ETag: an object of our length and part count is then the best evidence short of
                // reading it back (a concurrent writer of the same key with the same length and part count
                // would pass too).
                : etag.endsWith("-" + parts.size());
        return ours ? new CompleteMultipartUploadResult(null, bucket, key, etag) : null;
    }

    /**
     * The ETag S3 gives an object completed from these parts: the hex MD5 of the parts' binary MD5s (each
     * part's ETag, which S3 computed from the bytes it received), then {@code -<part count>}. No part is
     * hashed here for it. Null when a part's ETag is not a plain MD5.
     */
    static String multipartETag(List<PartETag> parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (PartETag part : parts) {
                String etag = S3Response.unquote(part.getETag());
                if (etag == null || !S3Response.PLAIN_MD5.matcher(etag).matches()) {
                    return null;
                }
                md5.update(HexFormat.of().parseHex(etag));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DELETE ?uploadId, so S3 keeps (and bills) no parts; its own failure is added to the original one. */
    void abort(Throwable failure) {
        try {
            join(sender.send(S3Requests.abortMultipartUpload(bucket, key, uploadId))).close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Waits without being interruptible (cleanup must finish) and throws the failure itself. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unchecked(e.getCause());
        }
    }

    static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }
}
