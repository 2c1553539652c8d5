package dev.s3legacy.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.PartETag;

/**
 * Copies an object inside the store as a multipart upload whose parts are copied from the source
 * ({@code UploadPartCopy} with {@code x-amz-copy-source-range}): the way to copy an object above CopyObject's
 * 5 GiB limit. No byte passes through this JVM. The parts are cut as an upload's are
 * ({@link MultipartUploader#partSizeFor}: the configured part size, larger when 10,000 parts would not hold
 * the object), at most {@code concurrency} in flight. The new object gets the source's Content-Type, content
 * headers and user metadata (a multipart upload inherits nothing), plus the write options' storage class
 * and encryption. With an ETag to match, every part copy carries {@code x-amz-copy-source-if-match}: a source
 * rewritten during the copy fails it with 412. Any failure aborts the upload, so no parts stay behind (see
 * {@link MultipartUpload#complete} for the one case where the Complete's outcome is unknown).
 */
public final class MultipartCopier {

    private final S3Connection connection;
    private final MultipartUploader.Sender sender;
    private final long partSize;
    private final int concurrency;
    /** Storage class and encryption on the initiate; an SSE-C key also as every part's source and target key. */
    private final ObjectWriteOptions options;
    /** Counts the bytes of each part copied, once it is; or null. */
    private final TransferMeter progress;

    public MultipartCopier(S3Connection connection, long partSize, int concurrency) {
        this(connection, partSize, concurrency, connection::executeAsync, ObjectWriteOptions.NONE, null);
    }

    /** For tests: a sender that may watch or fail requests. */
    MultipartCopier(S3Connection connection, long partSize, int concurrency, MultipartUploader.Sender sender) {
        this(connection, partSize, concurrency, sender, ObjectWriteOptions.NONE, null);
    }

    private MultipartCopier(S3Connection connection, long partSize, int concurrency, MultipartUploader.Sender sender,
                            ObjectWriteOptions options, TransferMeter progress) {
        if (partSize < S3Limits.MIN_PART_SIZE || partSize > S3Limits.MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be " + S3Limits.MIN_PART_SIZE + " (5 MiB, S3's minimum) to "
                    + S3Limits.MAX_PART_SIZE + " bytes (5 GiB), was " + partSize);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be 1 or more, was " + concurrency);
        }
        this.connection = Objects.requireNonNull(connection, "connection");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.partSize = partSize;
        this.concurrency = concurrency;
        this.options = Objects.requireNonNull(options, "options");
        this.progress = progress;
    }

    /** The same copier writing with these options (an SSE-C key is the source's and the target's). */
    public MultipartCopier withOptions(ObjectWriteOptions writeOptions) {
        return new MultipartCopier(connection, partSize, concurrency, sender, writeOptions, progress);
    }

    /**
     * The same copier counting on {@code meter} the bytes of each part once it was copied (no byte passes through
     * this JVM, so a part is all or nothing); for one copy, as a meter is one transfer's.
     */
    public MultipartCopier withProgress(TransferMeter meter) {
        return new MultipartCopier(connection, partSize, concurrency, sender, options, meter);
    }

    /**
     * HEADs the source, then copies it (see {@link #copy(CopySource, String, String, String, Map)}).
     */
    public CompleteMultipartUploadResult copy(String sourceBucket, String sourceKey, String ifMatchETag, String bucket,
                                              String key, Map<String, String> addedMetadata) {
        return copy(CopySource.head(connection, options, sourceBucket, sourceKey), ifMatchETag, bucket, key, addedMetadata);
    }

    /**
     * Copies {@code source} to {@code bucket}/{@code key} and waits.
     *
     * @param ifMatchETag the ETag (unquoted) the source must have during the whole copy, or null for any
     * @param addedMetadata user metadata added to the source's (replacing values of the same name), or null
     * @throws S3LegacyException a failed request; 412 PreconditionFailed when the source is not (or no longer)
     *                           the version {@code ifMatchETag} names
     */
    public CompleteMultipartUploadResult copy(CopySource source, String ifMatchETag, String bucket, String key,
                                              Map<String, String> addedMetadata) {
        if (ifMatchETag != null && source.eTag() != null && !ifMatchETag.equals(source.eTag())) {
            // known already: no upload is opened for it
            throw new S3LegacyException("PUT", 412, "PreconditionFailed", "the copy source's ETag is " + source.eTag()
                    + ", not " + ifMatchETag, null, "/" + source.bucket() + "/" + source.key(), null, null);
        }
        // chosen before initiating: an object too large for 10,000 parts fails without leaving an upload open
        long size = MultipartUploader.partSizeFor(source.length(), partSize);
        S3Request<InitiateMultipartUploadResult> initiate =
                source.applyTo(options.applyTo(S3Requests.initiateMultipartUpload(bucket, key, null, null)), addedMetadata);
        if (progress != null) {
            progress.total(source.length());
        }
        MultipartUpload upload = MultipartUpload.initiate(sender, options, initiate, progress);
        List<PartETag> parts;
        try {
            parts = upload.sendParts(concurrency, new Ranges(source, size, ifMatchETag));
        } catch (IOException e) {
            upload.abort(e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            upload.abort(e);
            throw e;
        }
        return upload.complete(parts, source.length());
    }

    /** The source cut into ranges of {@code size} bytes; an empty source is one part copying it whole. */
    private final class Ranges implements MultipartUpload.PartSource {
        private final CopySource source;
        private final long size;
        private final long count;
        private final String ifMatch;

        Ranges(CopySource source, long size, String ifMatchETag) {
            this.source = source;
            this.size = size;
            this.count = Math.max(1, (source.length() + size - 1) / size);
            this.ifMatch = ifMatchETag == null ? null : "\"" + ifMatchETag + "\"";
        }

        public MultipartUpload.Part next(int n) {
            if (n > count) {
                return null;
            }
            long first = (n - 1) * size;
            long last = source.length() == 0 ? -1 : Math.min(source.length(), first + size) - 1;
            return (upload, partNumber) -> {
                S3Request<CopyObjectResult> request = options.applyToPartCopy(
                        S3Requests.uploadPartCopy(source.bucket(), source.key(), upload.bucket(), upload.key(), upload.uploadId(),
                                partNumber, last < 0 ? -1 : first, last)).headerIfSet("x-amz-copy-source-if-match", ifMatch);
                return upload.sender().send(request).thenApply(copied -> {
                    if (copied.getETag() == null) {
                        throw new S3LegacyException("PUT", 200, "InvalidResponse", "part " + partNumber
                                + " was copied without an ETag", null, request.resource(), null, null);
                    }
                    if (upload.progress() != null) {
                        upload.progress().add(last < 0 ? 0 : last - first + 1);
                    }
                    return new PartETag(partNumber, copied.getETag());
                });
            };
        }

        public long length() {
            return source.length();
        }
    }

    /** For tests and callers that size their parts: the part size of a copy of {@code length} bytes. */
    public long partSizeFor(long length) {
        return MultipartUploader.partSizeFor(length, partSize);
    }

    public int concurrency() {
        return concurrency;
    }
}
