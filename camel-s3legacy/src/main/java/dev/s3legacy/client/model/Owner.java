package dev.s3legacy.client.model;

import java.util.Objects;

/** The owner of a bucket or object, as S3 lists it; either field may be null. */
public final class Owner {

    private final String id;
    private final String displayName;

    public Owner(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    public String getId() {
        return id;
    }

    public String getDisplayName() {
        return displayName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Owner other && Objects.equals(id, other.id)
                && Objects.equals(displayName, other.displayName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, displayName);
    }

    @Override
    public String toString() {
        return "Owner[id=" + id + ", displayName=" + displayName + "]";
    }
}
