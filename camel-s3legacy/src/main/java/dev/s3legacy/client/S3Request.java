package dev.s3legacy.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to send or pre-sign: an operation, the bucket and key it addresses, query parameters,
 * headers and an optional body. Names and values are checked as they are added, so nothing unsafe
 * reaches the wire: bucket names and keys by S3's rules, header names and values against CR/LF and
 * other control characters (header injection).
 */
public final class S3Request<T> {

    private final S3Operation<T> operation;
    private final String bucket;
    private final String key;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Headers headers = new Headers();
    private RequestBody body;
    /** Where a ranged response's body goes (a range of a parallel download), or null: spooled as usual. */
    private RangeTarget rangeTarget;
    /** Where the bytes of this request's body (sent) or its response's body (received) are counted, or null. */
    private TransferMeter.Segment progress;
    /** The first range of a parallel download: its Content-Range's total is the transfer's size, not its Content-Length. */
    private boolean firstRange;

    private S3Request(S3Operation<T> operation, String bucket, String key) {
        this.operation = Objects.requireNonNull(operation, "operation");
        switch (operation.target()) {
            case SERVICE -> {
                this.bucket = null;
                this.key = null;
            }
            case BUCKET -> {
                this.bucket = S3Names.requireValidBucket(bucket);
                this.key = null;
            }
            default -> {
                this.bucket = S3Names.requireValidBucket(bucket);
                this.key = S3Names.requireValidKey(key);
            }
        }
        if (operation.subResource() != null) {
            query.put(operation.subResource(), null);
        }
    }

    /** The same request (operation, address, query, headers, body), to add to without changing this one. */
    S3Request<T> copy() {
        S3Request<T> copy = new S3Request<>(operation, bucket, key);
        copy.query.putAll(query);
        copyHeaders(copy.headers, headers);
        copy.body = body;
        copy.progress = progress; // the same bytes from the same start: counted once (a ranged GET's first range and its fallbacks)
        return copy;
    }

    private static void copyHeaders(Headers target, Headers source) {
        source.asMap().forEach((name, values) -> values.forEach(v -> target.add(name, v)));
    }

    S3Request<T> rangeTarget(RangeTarget target) {
        this.rangeTarget = target;
        return this;
    }

    RangeTarget rangeTarget() {
        return rangeTarget;
    }

    /**
     * Counts this request's transfer on {@code meter}: the body's bytes as they are sent (a PUT, a part), or
     * the response body's as they arrive (a GET, including each range of a parallel download). Null: not counted.
     */
    public S3Request<T> progress(TransferMeter meter) {
        this.progress = meter == null ? null : meter.segment();
        return this;
    }

    TransferMeter.Segment progress() {
        return progress;
    }

    S3Request<T> firstRange() {
        this.firstRange = true;
        return this;
    }

    boolean isFirstRange() {
        return firstRange;
    }

    public static <T> S3Request<T> of(S3Operation<T> operation, String bucket, String key) {
        return new S3Request<>(operation, bucket, key);
    }

    public static <T> S3Request<T> of(S3Operation<T> operation, String bucket) {
        return new S3Request<>(operation, bucket, null);
    }

    /** Adds a query parameter; a null value is sent as a bare name. Null-valued optional parameters are skipped by {@link #queryIfSet}. */
    public S3Request<T> query(String name, String value) {
        query.put(HeaderSafety.requireSafe("query parameter", name, name), value);
        return this;
    }

    public S3Request<T> queryIfSet(String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            query(name, value.toString());
        }
        return this;
    }

    public S3Request<T> header(String name, String value) {
        headers.add(HeaderSafety.requireHeaderName(name), HeaderSafety.requireSafe("header", name, value));
        return this;
    }

    public S3Request<T> headerIfSet(String name, String value) {
        return value == null || value.isEmpty() ? this : header(name, value);
    }

    /**
     * Adds user metadata as {@code x-amz-meta-*} headers, several values per name allowed (an Iterable).
     * A null name or value is refused, never sent as the text "null".
     */
    public S3Request<T> metadata(Map<String, ? extends Object> metadata) {
        if (metadata != null) {
            metadata.forEach((name, value) -> {
                if (name == null) {
                    throw new IllegalArgumentException("A metadata name is null");
                }
                String header = S3Response.METADATA_PREFIX + HeaderSafety.requireMetadataName(name);
                if (value instanceof Iterable<?> values) {
                    // One line, values comma-joined: what HTTP says repeated lines mean, and what S3 stores.
                    StringBuilder joined = new StringBuilder();
                    int index = 0;
                    for (Object v : values) {
                        if (v == null) {
                            throw new IllegalArgumentException("Metadata '" + S3Names.printable(name)
                                    + "' has a null value at index " + index);
                        }
                        joined.append(index++ == 0 ? "" : ",").append(HeaderSafety.requireMetadataValue(name, v.toString()));
                    }
                    header(header, joined.toString());
                } else if (value == null) {
                    throw new IllegalArgumentException("Metadata '" + S3Names.printable(name) + "' has a null value");
                } else {
                    header(header, HeaderSafety.requireMetadataValue(name, value.toString()));
                }
            });
        }
        return this;
    }

    public S3Request<T> body(RequestBody body) {
        this.body = body;
        return this;
    }

    public S3Operation<T> operation() {
        return operation;
    }

    /** The bucket, or null for service requests. */
    public String bucket() {
        return bucket;
    }

    /** The key, or null for bucket and service requests. */
    public String key() {
        return key;
    }

    public Map<String, String> query() {
        return Collections.unmodifiableMap(query);
    }

    public Headers headers() {
        return headers;
    }

    public RequestBody body() {
        return body;
    }

    /** Whether the request may be sent again after a failure: an idempotent operation with a re-sendable body. */
    public boolean isRetryable() {
        return operation.isIdempotent() && (body == null || body.isRepeatable());
    }

    /** {@code /bucket/key} as a human reads it, for messages. */
    public String resource() {
        if (bucket == null) {
            return "/";
        }
        return "/" + bucket + "/" + (key == null ? "" : S3Names.printable(key));
    }

    @Override
    public String toString() {
        return operation + " " + resource();
    }

    static List<String> list(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
