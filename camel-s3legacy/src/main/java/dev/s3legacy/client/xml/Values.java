package dev.s3legacy.client.xml;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import dev.s3legacy.client.model.Owner;

/**
 * Turns element text into values. Each takes the field's path so that a bad value fails with an
 * {@link S3XmlException} saying which field held what; a null text (absent element) gives null.
 */
final class Values {

    /** Bad values are quoted in messages, but never at length. */
    private static final int QUOTE_LIMIT = 80;

    private Values() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new S3XmlException(field + " is missing");
        }
        return value;
    }

    /** ISO-8601 as S3 writes it ({@code 2009-10-12T17:50:30.000Z}); millis optional, no zone read as UTC. */
    static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                // the S3 API reference's own CopyObjectResult sample has no zone
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new S3XmlException(field + " is not an ISO-8601 date: " + quote(text), e);
            }
        }
    }

    static Long longValue(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new S3XmlException(field + " is not a whole number: " + quote(text), e);
        }
    }

    static Integer intValue(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new S3XmlException(field + " is not a whole number: " + quote(text), e);
        }
    }

    /** Absent means false. */
    static boolean bool(String field, String text) {
        String value = text == null ? "false" : text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new S3XmlException(field + " is not true or false: " + quote(text));
        };
    }

    /** S3 quotes ETags ({@code "abc"}); some servers escape the quotes twice ({@code &quot;abc&quot;}). */
    static String eTag(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        for (String quote : new String[] {"\"", "&quot;"}) {
            if (value.length() >= 2 * quote.length() && value.startsWith(quote) && value.endsWith(quote)) {
                return value.substring(quote.length(), value.length() - quote.length());
            }
        }
        return value;
    }

    /** An Owner from {@code <prefix>ID} and {@code <prefix>DisplayName}, or null when neither is there. */
    static Owner owner(Map<String, String> fields, String prefix) {
        String id = fields.get(prefix + "ID");
        String displayName = fields.get(prefix + "DisplayName");
        return id == null && displayName == null ? null : new Owner(id, displayName);
    }

    /** Undoes {@code encoding-type=url}, which S3 applies form-style ('+' for a space). */
    static String urlDecode(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3XmlException(field + " is not URL-encoded as EncodingType says: " + quote(text), e);
        }
    }

    static String quote(String text) {
        String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return "'" + shown + "'";
    }
}
