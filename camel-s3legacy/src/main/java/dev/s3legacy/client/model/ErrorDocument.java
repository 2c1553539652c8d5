package dev.s3legacy.client.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 {@code <Error>} document, kept as the text of its child elements (first occurrence wins)
 * so that codes with extra fields (Region, RequestTime, MaxAllowedSkewMilliseconds, ...) stay
 * readable through {@link #getField(String)}. Every getter returns null when the server did not
 * send that field; a body that was not an error document gives an instance with no fields.
 */
public final class ErrorDocument {

    private final Map<String, String> fields;

    public ErrorDocument(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String getCode() {
        return fields.get("Code");
    }

    public String getMessage() {
        return fields.get("Message");
    }

    public String getRequestId() {
        return fields.get("RequestId");
    }

    public String getHostId() {
        return fields.get("HostId");
    }

    public String getResource() {
        return fields.get("Resource");
    }

    /** The endpoint to use instead, sent with PermanentRedirect and TemporaryRedirect. */
    public String getEndpoint() {
        return fields.get("Endpoint");
    }

    /** The bucket's region, sent with redirects and AuthorizationHeaderMalformed; null when absent. */
    public String getRegion() {
        return fields.get("Region");
    }

    /** NoSuchBucket names it {@code BucketName}, the redirects {@code Bucket}. */
    public String getBucketName() {
        String name = fields.get("BucketName");
        return name != null ? name : fields.get("Bucket");
    }

    /**
     * The server's clock, sent with RequestTimeTooSkewed; null when absent or not an ISO-8601
     * instant (this document is read leniently, so a bad value is not an error).
     */
    public Instant getServerTime() {
        String text = fields.get("ServerTime");
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Any child element of {@code <Error>} by name, e.g. {@code Region}. */
    public String getField(String name) {
        return fields.get(name);
    }

    /** All child elements of {@code <Error>} in document order. */
    public Map<String, String> getFields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorDocument other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "ErrorDocument" + fields;
    }
}
