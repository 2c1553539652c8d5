package dev.s3legacy.client.model;

import java.time.Instant;
import java.util.Objects;

/** A bucket of a ListAllMyBuckets answer; the creation date is null when the server left it out. */
public final class Bucket {

    private final String name;
    private final Instant creationDate;

    public Bucket(String name, Instant creationDate) {
        this.name = Objects.requireNonNull(name, "name");
        this.creationDate = creationDate;
    }

    public String getName() {
        return name;
    }

    public Instant getCreationDate() {
        return creationDate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bucket other && name.equals(other.name) && Objects.equals(creationDate, other.creationDate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, creationDate);
    }

    @Override
    public String toString() {
        return "Bucket[name=" + name + ", creationDate=" + creationDate + "]";
    }
}
