package dev.s3legacy.client.model;

import java.util.Objects;

/** The answer to completing a multipart upload; the ETag is without its surrounding quotes. */
public final class CompleteMultipartUploadResult {

    private final String location;
    private final String bucket;
    private final String key;
    private final String eTag;

    public CompleteMultipartUploadResult(String location, String bucket, String key, String eTag) {
        this.location = location;
        this.bucket = bucket;
        this.key = key;
        this.eTag = eTag;
    }

    public String getLocation() {
        return location;
    }

    public String getBucket() {
        return bucket;
    }

    public String getKey() {
        return key;
    }

    public String getETag() {
        return eTag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompleteMultipartUploadResult other && Objects.equals(location, other.location)
                && Objects.equals(bucket, other.bucket) && Objects.equals(key, other.key)
                && Objects.equals(eTag, other.eTag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, bucket, key, eTag);
    }

    @Override
    public String toString() {
        return "CompleteMultipartUploadResult[location=" + location + ", bucket=" + bucket + ", key=" + key
                + ", eTag=" + eTag + "]";
    }
}
