package dev.s3legacy.client.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.s3legacy.client.Headers;

/**
 * AWS Signature Version 2 for S3, as in the S3 Developer Guide "Signing and authenticating REST
 * requests". Pure functions; {@link V2RequestSigner} applies them to a request.
 */
public final class SignerV2 {

    /** The query parameters S3 signs in V2; every other parameter is left out of the resource. */
    static final Set<String> SUB_RESOURCES = Set.of(
            "acl", "cors", "delete", "lifecycle", "location", "logging", "notification", "partNumber",
            "policy", "requestPayment", "tagging", "torrent", "uploadId", "uploads", "versionId",
            "versioning", "versions", "website",
            "response-content-type", "response-content-language", "response-expires",
            "response-cache-control", "response-content-disposition", "response-content-encoding");

    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private SignerV2() {
    }

    /**
     * The CanonicalizedResource: {@code v2ResourcePath} plus the sub-resources of {@code query}, sorted
     * by name, a null value rendered bare ({@code ?acl}). Values are not URL-encoded, as AWS documents.
     */
    public static String canonicalResource(String v2ResourcePath, Map<String, String> query) {
        StringBuilder sb = new StringBuilder(v2ResourcePath);
        char sep = '?';
        for (String name : new TreeSet<>(query.keySet())) {
            if (!SUB_RESOURCES.contains(name)) {
                continue;
            }
            sb.append(sep).append(name);
            String value = query.get(name);
            if (value != null) {
                sb.append('=').append(value);
            }
            sep = '&';
        }
        return sb.toString();
    }

    /**
     * The StringToSign of a header-signed request. {@code dateOrExpires} goes on the Date line, unless
     * an {@code x-amz-date} header is present: S3 then signs that header and an empty Date line.
     */
    public static String stringToSign(String method, Headers headers, String dateOrExpires,
                                      String canonicalResource) {
        String dateLine = headers.contains("x-amz-date") ? "" : dateOrExpires;
        return assemble(method, headers, dateLine, canonicalResource);
    }

    /** METHOD, Content-MD5, Content-Type, the given date line, amz headers, resource. */
    static String assemble(String method, Headers headers, String dateLine, String canonicalResource) {
        return method + '\n'
                + orEmpty(headers.first("Content-MD5")) + '\n'
                + orEmpty(headers.first("Content-Type")) + '\n'
                + orEmpty(dateLine) + '\n'
                + canonicalAmzHeaders(headers)
                + canonicalResource;
    }

    /** {@code name:v1,v2\n} per {@code x-amz-*} header: lower-cased, sorted, values trimmed and unfolded. */
    static String canonicalAmzHeaders(Headers headers) {
        Map<String, List<String>> amz = new TreeMap<>();
        headers.asMap().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-")) {
                List<String> cleaned = amz.computeIfAbsent(lower, k -> new ArrayList<>());
                values.forEach(v -> cleaned.add(normalizeValue(v)));
            }
        });
        StringBuilder sb = new StringBuilder();
        amz.forEach((name, values) -> sb.append(name).append(':').append(String.join(",", values)).append('\n'));
        return sb.toString();
    }

    /** Trims and folds whitespace runs (including line folding) to one space. */
    static String normalizeValue(String value) {
        return value == null ? "" : WHITESPACE_RUN.matcher(value.trim()).replaceAll(" ");
    }

    /** Base64(HMAC-SHA1(secretKey, UTF-8(stringToSign))). A fresh Mac each call: no key material is kept. */
    public static String sign(String secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // The message of these never holds the key.
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
