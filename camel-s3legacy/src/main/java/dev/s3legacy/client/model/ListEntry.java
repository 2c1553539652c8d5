package dev.s3legacy.client.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of a bucket listing. The ETag is given without the double quotes S3 wraps it in;
 * last-modified, ETag, storage class and owner are null when the server left them out.
 */
public final class ListEntry {

    private final String key;
    private final Instant lastModified;
    private final String eTag;
    private final long size;
    private final String storageClass;
    private final Owner owner;

    public ListEntry(String key, Instant lastModified, String eTag, long size, String storageClass, Owner owner) {
        this.key = Objects.requireNonNull(key, "key");
        this.lastModified = lastModified;
        this.eTag = eTag;
        this.size = size;
        this.storageClass = storageClass;
        this.owner = owner;
    }

    public String getKey() {
        return key;
    }

    public Instant getLastModified() {
        return lastModified;
    }

    public String getETag() {
        return eTag;
    }

    public long getSize() {
        return size;
    }

    public String getStorageClass() {
        return storageClass;
    }

    public Owner getOwner() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListEntry other && key.equals(other.key) && size == other.size
                && Objects.equals(lastModified, other.lastModified) && Objects.equals(eTag, other.eTag)
                && Objects.equals(storageClass, other.storageClass) && Objects.equals(owner, other.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, lastModified, eTag, size, storageClass, owner);
    }

    @Override
    public String toString() {
        return "ListEntry[key=" + key + ", lastModified=" + lastModified + ", eTag=" + eTag + ", size=" + size
                + ", storageClass=" + storageClass + ", owner=" + owner + "]";
    }
}
