package dev.s3legacy.client.model;

import java.util.List;

/** The answer to a multi-object delete: keys deleted (empty in quiet mode) and keys that failed. */
public final class DeleteResult {

    private final List<String> deleted;
    private final List<DeleteError> errors;

    public DeleteResult(List<String> deleted, List<DeleteError> errors) {
        this.deleted = List.copyOf(deleted);
        this.errors = List.copyOf(errors);
    }

    /** One result for several batches of the same delete. */
    public static DeleteResult merge(List<DeleteResult> results) {
        List<String> deleted = new java.util.ArrayList<>();
        List<DeleteError> errors = new java.util.ArrayList<>();
        results.forEach(r -> {
            deleted.addAll(r.deleted);
            errors.addAll(r.errors);
        });
        return new DeleteResult(deleted, errors);
    }

    public List<String> getDeleted() {
        return deleted;
    }

    public List<DeleteError> getErrors() {
        return errors;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeleteResult other && deleted.equals(other.deleted) && errors.equals(other.errors);
    }

    @Override
    public int hashCode() {
        return 31 * deleted.hashCode() + errors.hashCode();
    }

    @Override
    public String toString() {
        return "DeleteResult[deleted=" + deleted + ", errors=" + errors + "]";
    }
}
