package dev.s3legacy.client.model;

import java.util.Objects;

/** The answer to initiating a multipart upload; the upload id is always present. */
public final class InitiateMultipartUploadResult {

    private final String bucket;
    private final String key;
    private final String uploadId;

    public InitiateMultipartUploadResult(String bucket, String key, String uploadId) {
        this.bucket = bucket;
        this.key = key;
        this.uploadId = Objects.requireNonNull(uploadId, "uploadId");
    }

    public String getBucket() {
        return bucket;
    }

    public String getKey() {
        return key;
    }

    public String getUploadId() {
        return uploadId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitiateMultipartUploadResult other && Objects.equals(bucket, other.bucket)
                && Objects.equals(key, other.key) && uploadId.equals(other.uploadId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, uploadId);
    }

    @Override
    public String toString() {
        return "InitiateMultipartUploadResult[bucket=" + bucket + ", key=" + key + ", uploadId=" + uploadId + "]";
    }
}
