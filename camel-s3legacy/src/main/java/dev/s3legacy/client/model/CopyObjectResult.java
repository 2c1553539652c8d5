package dev.s3legacy.client.model;

import java.time.Instant;
import java.util.Objects;

/** The answer to a server-side copy; the ETag is without its surrounding quotes. */
public final class CopyObjectResult {

    private final String eTag;
    private final Instant lastModified;

    public CopyObjectResult(String eTag, Instant lastModified) {
        this.eTag = eTag;
        this.lastModified = lastModified;
    }

    public String getETag() {
        return eTag;
    }

    public Instant getLastModified() {
        return lastModified;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyObjectResult other && Objects.equals(eTag, other.eTag)
                && Objects.equals(lastModified, other.lastModified);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eTag, lastModified);
    }

    @Override
    public String toString() {
        return "CopyObjectResult[eTag=" + eTag + ", lastModified=" + lastModified + "]";
    }
}
