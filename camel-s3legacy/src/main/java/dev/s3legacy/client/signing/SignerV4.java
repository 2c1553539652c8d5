package dev.s3legacy.client.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.s3legacy.client.Headers;

/**
 * AWS Signature Version 4 for S3, as in the S3 API reference "Signature Calculations for the
 * Authorization Header". Pure functions; {@link V4RequestSigner} applies them to a request.
 */
public final class SignerV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The header (V2 and V4) and V2 query parameter that carries the session token of temporary credentials. */
    public static final String SECURITY_TOKEN_HEADER = "x-amz-security-token";
    /** The payload hash of a request whose body is not signed (pre-signed URLs, streamed bodies). */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** Hex SHA-256 of the empty body. */
    public static final String EMPTY_PAYLOAD_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** Lower-case hex, as V4 wants everywhere. */
    public static final HexFormat HEX = HexFormat.of();
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private SignerV4() {
    }

    /**
     * AWS's UriEncode: unreserved {@code A-Z a-z 0-9 - . _ ~} kept, every other UTF-8 byte as
     * {@code %XX} upper-case (space is {@code %20}, never {@code +}); {@code /} kept unless
     * {@code encodeSlash}.
     */
    public static String uriEncode(String s, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (c == '/' && !encodeSlash)) {
                sb.append(c);
            } else {
                sb.append('%').append(UPPER_HEX.toHexDigits(b));
            }
        }
        return sb.toString();
    }

    /** Names and values encoded, sorted by encoded name then value; a null value signs as {@code name=}. */
    public static String canonicalQueryString(Map<String, String> query) {
        TreeSet<String[]> pairs = new TreeSet<>((a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
        query.forEach((name, value) ->
                pairs.add(new String[] {uriEncode(name, true), value == null ? "" : uriEncode(value, true)}));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /**
     * The CanonicalRequest. {@code signedHeaderNames} are lower case and sorted; each header's values are
     * trimmed, whitespace runs folded to one space, and joined by {@code ,}.
     */
    public static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
                                          Headers headers, List<String> signedHeaderNames, String payloadHash) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append('\n').append(canonicalUri).append('\n').append(canonicalQuery).append('\n');
        for (String name : signedHeaderNames) {
            List<String> values = new ArrayList<>();
            headers.all(name).forEach(v -> values.add(WHITESPACE_RUN.matcher(v.trim()).replaceAll(" ")));
            sb.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return sb.append('\n').append(String.join(";", signedHeaderNames)).append('\n').append(payloadHash)
                .toString();
    }

    /**
     * Which headers are signed: {@code host}, {@code content-md5}, {@code content-type}, {@code range},
     * {@code date} and every {@code x-amz-*} present; lower case, sorted. Others (User-Agent, Expect, ...)
     * may be rewritten by proxies and the HTTP client, so they are left out.
     */
    public static List<String> signedHeaderNames(Headers headers) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-") || lower.equals("host") || lower.equals("content-md5")
                    || lower.equals("content-type") || lower.equals("range") || lower.equals("date")) {
                names.add(lower);
            }
        }
        return List.copyOf(names);
    }

    /** {@link #signedHeaderNames} joined by {@code ;}, the SignedHeaders value. */
    public static String signedHeaders(Headers headers) {
        return String.join(";", signedHeaderNames(headers));
    }

    public static String scope(String yyyymmdd, String region, String service) {
        return yyyymmdd + '/' + region + '/' + service + "/aws4_request";
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC chain "AWS4"+secret → date → region → service → "aws4_request". */
    public static byte[] signingKey(String secretKey, String yyyymmdd, String region, String service) {
        byte[] k = hmacSha256(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), yyyymmdd);
        k = hmacSha256(k, region);
        k = hmacSha256(k, service);
        return hmacSha256(k, "aws4_request");
    }

    /** Hex HMAC-SHA256 of the string to sign. */
    public static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmacSha256(signingKey, stringToSign));
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmacSha256(byte[] key, String data) {
        try {
            // A fresh Mac each call: nothing keyed is kept around.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
