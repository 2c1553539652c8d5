package dev.s3legacy.client.model;

import java.util.Objects;

/** A part of a multipart upload as the complete request names it: its number and its ETag. */
public final class PartETag {

    private final int partNumber;
    private final String eTag;

    public PartETag(int partNumber, String eTag) {
        if (partNumber < 1) {
            throw new IllegalArgumentException("part numbers start at 1, got " + partNumber);
        }
        this.partNumber = partNumber;
        this.eTag = Objects.requireNonNull(eTag, "eTag");
    }

    public int getPartNumber() {
        return partNumber;
    }

    public String getETag() {
        return eTag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartETag other && partNumber == other.partNumber && eTag.equals(other.eTag);
    }

    @Override
    public int hashCode() {
        return 31 * partNumber + eTag.hashCode();
    }

    @Override
    public String toString() {
        return "PartETag[partNumber=" + partNumber + ", eTag=" + eTag + "]";
    }
}
