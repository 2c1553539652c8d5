package dev.s3legacy;

import java.util.Map;
import java.util.function.Supplier;

import dev.s3legacy.client.CopySource;
import dev.s3legacy.client.MultipartCopier;
import dev.s3legacy.client.ObjectWriteOptions;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Limits;
import dev.s3legacy.client.S3Request;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.TransferProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies and deletes the consumer's objects, acting only on the version delivered (its ETag): the copy of
 * {@code moveAfterRead} and {@code moveFailed}, and the delete after either (or of {@code deleteAfterRead}).
 * An object up to CopyObject's limit (5 GiB) is copied by one CopyObject, a larger one by a multipart copy
 * ({@link MultipartCopier}). Belongs to the endpoint (made when it starts), so what it learnt about the store
 * (a condition it does not support) outlives a consumer.
 */
final class ObjectMover {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectMover.class);

    private final S3LegacyEndpoint endpoint;
    private final MultipartCopier copier;
    /** Objects above this many bytes go by multipart copy: S3's CopyObject limit, lowered by tests. */
    private final long copyLimit;
    private final Conditional copyIfMatch = new Conditional("x-amz-copy-source-if-match", "copy", false);
    private final Conditional deleteIfMatch = new Conditional("If-Match", "delete", true);

    ObjectMover(S3LegacyEndpoint endpoint, MultipartCopier copier, long copyLimit) {
        this.endpoint = endpoint;
        this.copier = copier;
        this.copyLimit = copyLimit;
    }

    /** CopyObject's largest source: 5 GiB. */
    static final long COPY_OBJECT_LIMIT = S3Limits.MAX_PART_SIZE;

    /**
     * Copies version {@code eTag} of {@code key} ({@code size} bytes as delivered) from the polled bucket to
     * {@code targetBucket}/{@code targetKey}. With {@code addedMetadata}, the copy has the source's metadata
     * plus these entries. Returns false when the object is no longer that version (rewritten, or gone): nothing
     * was copied.
     *
     * @throws RuntimeException the copy failed; the source is untouched
     */
    boolean copy(String key, String eTag, long size, String targetBucket, String targetKey, Map<String, String> addedMetadata) {
        String bucket = endpoint.getConfiguration().getBucketName();
        ObjectWriteOptions options = endpoint.writeOptions();
        if (size > copyLimit) {
            // a multipart copy of a huge object takes a while: watched as it goes (progressInterval)
            TransferWatcher.Watch watch = endpoint.transfers().start(TransferProgress.Direction.COPY, targetBucket, targetKey, size);
            try {
                copier.withProgress(watch == null ? null : watch.meter()).copy(bucket, key, eTag, targetBucket, targetKey, addedMetadata);
                end(watch, null);
                return true;
            } catch (S3LegacyException e) {
                end(watch, e);
                if (e.getStatusCode() == 412 || isGone(e)) {
                    return false; // rewritten (a part's if-match, or the HEAD's ETag) or gone; the upload was aborted
                }
                throw e;
            } catch (RuntimeException e) {
                end(watch, e);
                throw e;
            }
        }
        if (addedMetadata == null) {
            return copyIfMatch.send(bucket, key, eTag,
                    () -> options.applyToCopy(S3Requests.copy(bucket, key, targetBucket, targetKey, null), false));
        }
        // replacing the metadata drops the source's: read it (and its content headers) to carry them over
        CopySource source;
        try {
            source = CopySource.head(connection(), options, bucket, key);
        } catch (S3LegacyException e) {
            if (isGone(e)) {
                return false;
            }
            throw e;
        }
        if (source.eTag() != null && !source.eTag().equals(eTag)) {
            return false;
        }
        return copyIfMatch.send(bucket, key, eTag, () -> source.applyTo(
                options.applyToCopy(S3Requests.copy(bucket, key, targetBucket, targetKey, Map.of()), true), addedMetadata));
    }

    private static void end(TransferWatcher.Watch watch, Throwable error) {
        if (watch != null) {
            watch.end(error);
        }
    }

    /** Deletes version {@code eTag} of {@code key}: false when a newer version is there (not deleted). */
    boolean delete(String key, String eTag) {
        String bucket = endpoint.getConfiguration().getBucketName();
        return deleteIfMatch.send(bucket, key, eTag, () -> S3Requests.delete(bucket, key));
    }

    /** The object is gone (404), as opposed to a bucket missing: a copy to a bucket that does not exist fails. */
    private static boolean isGone(S3LegacyException e) {
        return e.getStatusCode() == 404 && !"NoSuchBucket".equals(e.getErrorCode());
    }

    private S3Connection connection() {
        return endpoint.getConnection();
    }

    /**
     * A request made conditional on the delivered ETag. A store that answers the condition with NotImplemented
     * gets, from then on, a HEAD comparing the ETag right before the unconditional request instead: the
     * object could still be rewritten between the two.
     */
    private final class Conditional {
        private final String header;
        private final String what;
        /** Whether an object already gone counts as done (a delete) or not (a copy has nothing to copy). */
        private final boolean goneIsDone;
        private volatile boolean unsupported;

        Conditional(String header, String what, boolean goneIsDone) {
            this.header = header;
            this.what = what;
            this.goneIsDone = goneIsDone;
        }

        /** Sends the request when the object still is the delivered version; false when it is not. */
        boolean send(String bucket, String key, String eTag, Supplier<S3Request<?>> request) {
            S3Connection s3 = connection();
            if (!unsupported) {
                try {
                    closeIfResponse(s3.execute(request.get().header(header, "\"" + eTag + "\"")));
                    return true;
                } catch (S3LegacyException e) {
                    if (e.getStatusCode() == 412) {
                        return false;
                    }
                    if (isGone(e)) {
                        return goneIsDone;
                    }
                    if (e.getStatusCode() != 501 && !"NotImplemented".equals(e.getErrorCode())) {
                        throw e;
                    }
                    unsupported = true;
                    LOG.info("The store does not support {} on {} ({}): the consumer now compares the ETag with a HEAD"
                            + " right before each {} instead", header, what, e.getErrorCode(), what);
                }
            }
            String current = currentETag(s3, bucket, key);
            if (current == null) {
                return goneIsDone;
            }
            if (!eTag.equals(current)) {
                return false;
            }
            closeIfResponse(s3.execute(request.get()));
            return true;
        }

        private String currentETag(S3Connection s3, String bucket, String key) {
            try (S3Response head = s3.execute(endpoint.writeOptions().applyToRead(S3Requests.head(bucket, key)))) {
                return head.eTag();
            } catch (S3LegacyException e) {
                if (e.getStatusCode() == 404) {
                    return null;
                }
                throw e;
            }
        }

        private void closeIfResponse(Object result) {
            if (result instanceof S3Response response) {
                response.close();
            }
        }
    }
}
