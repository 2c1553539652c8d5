package dev.s3legacy.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The classic {@code QueryStringAuthGenerator}: the same calls as {@link S3Connection}, each returning
 * a pre-signed URL instead of sending a request. Expiry is relative (default 60 seconds from the moment
 * a URL is made) or absolute; V4 URLs live at most 7 days. Immutable: the {@code with...} methods
 * return a new generator.
 */
public final class QueryStringAuthGenerator {

    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofSeconds(S3Limits.DEFAULT_EXPIRES_IN_SECONDS);

    private final S3Connection connection;
    private final Duration expiresIn;
    private final Instant expiresAt;

    public QueryStringAuthGenerator(S3ClientConfig config) {
        this(new S3Connection(config), DEFAULT_EXPIRES_IN, null);
    }

    public QueryStringAuthGenerator(S3Connection connection) {
        this(connection, DEFAULT_EXPIRES_IN, null);
    }

    private QueryStringAuthGenerator(S3Connection connection, Duration expiresIn, Instant expiresAt) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.expiresIn = expiresIn;
        this.expiresAt = expiresAt;
    }

    /** URLs valid for this long from when each is made. */
    public QueryStringAuthGenerator withExpiresIn(Duration expiresIn) {
        if (expiresIn == null || expiresIn.isNegative() || expiresIn.isZero()) {
            throw new IllegalArgumentException("expiresIn must be a positive duration, was " + expiresIn);
        }
        return new QueryStringAuthGenerator(connection, expiresIn, null);
    }

    /** URLs valid until this instant. */
    public QueryStringAuthGenerator withExpiresAt(Instant expiresAt) {
        return new QueryStringAuthGenerator(connection, null, Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    /**
     * The pre-signed URL of any request. A relative expiry counts from the server's time as the
     * connection learnt it from a clock-skew answer, so URLs made on a host whose clock is off still
     * live as long as asked.
     */
    public String presign(S3Request<?> request) {
        URI uri = expiresAt != null ? connection.presign(request, expiresAt) : connection.presign(request, expiresIn);
        return uri.toString();
    }

    public String get(String bucket, String key) {
        return presign(S3Requests.get(bucket, key));
    }

    public String head(String bucket, String key) {
        return presign(S3Requests.head(bucket, key));
    }

    public String getAcl(String bucket, String key) {
        return presign(S3Requests.getAcl(bucket, key));
    }

    /** A URL to PUT the object; a content type or metadata given here must be sent with the upload. */
    public String put(String bucket, String key, String contentType, Map<String, ?> metadata) {
        return presign(S3Request.of(S3Operation.PUT, bucket, key).headerIfSet("Content-Type", contentType).metadata(metadata));
    }

    public String put(String bucket, String key) {
        return put(bucket, key, null, null);
    }

    public String putAcl(String bucket, String key) {
        return presign(S3Request.of(S3Operation.PUT_ACL, bucket, key));
    }

    public String delete(String bucket, String key) {
        return presign(S3Requests.delete(bucket, key));
    }

    public String createBucket(String bucket) {
        return presign(S3Request.of(S3Operation.CREATE_BUCKET, bucket));
    }

    public String listBucket(String bucket, String prefix, String marker, Integer maxKeys, String delimiter) {
        return presign(S3Requests.listBucket(bucket, prefix, marker, maxKeys, delimiter));
    }

    public String getBucketLocation(String bucket) {
        return presign(S3Requests.getBucketLocation(bucket));
    }

    public String getBucketAcl(String bucket) {
        return presign(S3Requests.getBucketAcl(bucket));
    }

    public String putBucketAcl(String bucket) {
        return presign(S3Request.of(S3Operation.PUT_BUCKET_ACL, bucket));
    }

    public String deleteBucket(String bucket) {
        return presign(S3Requests.deleteBucket(bucket));
    }

    public String getBucketLogging(String bucket) {
        return presign(S3Requests.getBucketLogging(bucket));
    }

    public String putBucketLogging(String bucket) {
        return presign(S3Request.of(S3Operation.PUT_BUCKET_LOGGING, bucket));
    }

    public String listAllMyBuckets() {
        return presign(S3Requests.listAllMyBuckets());
    }

    @Override
    public String toString() {
        return "QueryStringAuthGenerator[" + connection.config() + "]";
    }
}
