package dev.s3legacy.client.model;

import java.util.Objects;

/** A key that a multi-object delete could not delete, with S3's error code and message. */
public final class DeleteError {

    private final String key;
    private final String code;
    private final String message;

    public DeleteError(String key, String code, String message) {
        this.key = key;
        this.code = code;
        this.message = message;
    }

    public String getKey() {
        return key;
    }

    public String getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeleteError other && Objects.equals(key, other.key) && Objects.equals(code, other.code)
                && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, code, message);
    }

    @Override
    public String toString() {
        return "DeleteError[key=" + key + ", code=" + code + ", message=" + message + "]";
    }
}
