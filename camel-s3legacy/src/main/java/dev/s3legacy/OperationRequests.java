package dev.s3legacy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import dev.s3legacy.client.S3Request;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.ListBucketResponse;

/**
 * The requests of the operations that read more than a bucket, a key or a body from the message (the
 * others are built where {@link S3LegacyOperations} lists them).
 */
final class OperationRequests {

    /** HTTP's IMF-fixdate: a two-digit day (RFC_1123_DATE_TIME would print "1 Mar", which HTTP does not allow). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private OperationRequests() {
    }

    /** GET with the message's range and conditions. */
    static S3Request<S3Response> get(OperationInput in) {
        S3Request<S3Response> get = in.readOptions().applyToRead(S3Requests.get(in.bucket(), in.key()));
        get.headerIfSet("Range", in.header(S3LegacyConstants.RANGE));
        get.headerIfSet("If-None-Match", quotedETag(in.header(S3LegacyConstants.IF_NONE_MATCH)));
        Instant since = in.message().getHeader(S3LegacyConstants.IF_MODIFIED_SINCE, Instant.class);
        if (since != null) {
            get.header("If-Modified-Since", HTTP_DATE.format(since));
        }
        return get;
    }

    /**
     * An entity tag as HTTP wants it: the ETag header we set has S3's quotes removed, so a value passed
     * back as it came is quoted again; quoted, weak ({@code W/"..."}) and {@code *} values go as given.
     */
    private static String quotedETag(String etag) {
        if (etag == null) {
            return null;
        }
        String t = etag.trim();
        return t.startsWith("\"") || t.startsWith("W/") || t.equals("*") || t.contains(",") ? t : "\"" + t + "\"";
    }

    /** HEAD with the SSE-C key an encrypted object needs. */
    static S3Request<S3Response> head(OperationInput in) {
        return in.readOptions().applyToRead(S3Requests.head(in.bucket(), in.key()));
    }

    /**
     * One PUT of the upload; pre-signed (no upload), it signs no guessed content type, and the encryption
     * headers it signs (an SSE-C key too) must be sent by the URL's user.
     */
    static S3Request<S3Response> put(OperationInput in) {
        String key = in.key();
        return in.writeOptions().applyTo(S3Requests.put(in.bucket(), key, in.upload(), in.contentType(key, in.upload() != null),
                in.metadata()).headerIfSet("x-amz-acl", in.cannedAcl()));
    }

    static S3Request<S3Response> createBucket(OperationInput in) {
        return S3Requests.createBucket(in.bucket(), in.headerOr(S3LegacyConstants.LOCATION, in.config().getLocation()))
                .headerIfSet("x-amz-acl", in.cannedAcl());
    }

    static S3Request<ListBucketResponse> listBucket(OperationInput in) {
        S3LegacyConfiguration c = in.config();
        return S3Requests.listBucket(in.bucket(),
                in.headerOr(S3LegacyConstants.PREFIX, c.getPrefix()),
                in.headerOr(S3LegacyConstants.MARKER, c.getMarker()),
                in.message().getHeader(S3LegacyConstants.MAX_KEYS, c.getMaxKeys(), Integer.class),
                in.headerOr(S3LegacyConstants.DELIMITER, c.getDelimiter()));
    }

    static S3Request<CopyObjectResult> copy(OperationInput in) {
        String bucket = in.bucket();
        String destinationKey = in.required(S3LegacyConstants.DESTINATION_KEY, "copy");
        Map<String, ?> metadata = in.metadata();
        String destinationBucket = in.config().getDestinationBucket() != null ? in.config().getDestinationBucket() : bucket;
        S3Request<CopyObjectResult> copy = S3Requests.copy(bucket, in.key(),
                in.headerOr(S3LegacyConstants.DESTINATION_BUCKET, destinationBucket), destinationKey, metadata);
        in.writeOptions().applyToCopy(copy, metadata != null);
        // Replacing the metadata replaces the content type too (S3 would fall back to binary/octet-stream):
        // give the copy one, chosen as put chooses it.
        return metadata == null ? copy : copy.headerIfSet("Content-Type", in.contentType(destinationKey, true));
    }
}
