package dev.s3legacy.client.model;

import java.util.List;
import java.util.Objects;

/** The answer to GET Service: the buckets of the caller and their owner (null when not sent). */
public final class ListAllMyBucketsResponse {

    private final Owner owner;
    private final List<Bucket> buckets;

    public ListAllMyBucketsResponse(Owner owner, List<Bucket> buckets) {
        this.owner = owner;
        this.buckets = List.copyOf(buckets);
    }

    public Owner getOwner() {
        return owner;
    }

    public List<Bucket> getBuckets() {
        return buckets;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListAllMyBucketsResponse other && Objects.equals(owner, other.owner)
                && buckets.equals(other.buckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, buckets);
    }

    @Override
    public String toString() {
        return "ListAllMyBucketsResponse[owner=" + owner + ", buckets=" + buckets + "]";
    }
}
