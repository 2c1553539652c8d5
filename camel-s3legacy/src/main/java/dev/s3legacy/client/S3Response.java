package dev.s3legacy.client;

import java.io.Closeable;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response: status, multi-valued headers and a body (in memory or spooled to a temporary file).
 * Close it to delete the temporary file.
 */
public final class S3Response implements Closeable {

    public static final String METADATA_PREFIX = "x-amz-meta-";

    private final int statusCode;
    private final Headers headers;
    private final SpooledBody body;

    public S3Response(int statusCode, Headers headers, SpooledBody body) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body == null ? SpooledBody.empty() : body;
    }

    public int statusCode() {
        return statusCode;
    }

    public Headers headers() {
        return headers;
    }

    public String header(String name) {
        return headers.first(name);
    }

    public SpooledBody body() {
        return body;
    }

    /** The ETag without the quotes S3 puts around it, or null. */
    public String eTag() {
        return unquote(headers.first("ETag"));
    }

    /** Content-Length as sent by the server, or -1. */
    public long contentLength() {
        String v = headers.first("Content-Length");
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String contentType() {
        return headers.first("Content-Type");
    }

    public Instant lastModified() {
        return parseHttpDate(headers.first("Last-Modified"));
    }

    public String requestId() {
        return headers.first("x-amz-request-id");
    }

    /** User metadata, lower-case names without the {@code x-amz-meta-} prefix, each with all its values. */
    public Map<String, List<String>> metadata() {
        Map<String, List<String>> meta = new LinkedHashMap<>();
        headers.asMap().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(METADATA_PREFIX)) {
                meta.put(lower.substring(METADATA_PREFIX.length()), values);
            }
        });
        return meta;
    }

    @Override
    public void close() {
        body.close();
    }

    @Override
    public String toString() {
        return "S3Response[" + statusCode + ", " + body + "]";
    }

    /** An ETag that has the form of an MD5 (S3's ETag of a single-part, unencrypted object is its MD5). */
    static final java.util.regex.Pattern PLAIN_MD5 = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");

    public static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String t = etag.trim();
        if (t.startsWith("&quot;") && t.endsWith("&quot;") && t.length() >= 12) {
            return t.substring(6, t.length() - 6);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** Parses an RFC 1123 HTTP date; null when absent or not a date. */
    public static Instant parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
