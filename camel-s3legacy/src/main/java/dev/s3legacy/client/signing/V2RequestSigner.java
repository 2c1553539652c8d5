package dev.s3legacy.client.signing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.s3legacy.client.Headers;
import dev.s3legacy.client.Redaction;

/** Signs with AWS Signature Version 2 (HMAC-SHA1): the {@code Authorization: AWS id:sig} header or a query. */
public final class V2RequestSigner implements RequestSigner {

    /**
     * RFC 1123 with a two-digit day ({@link DateTimeFormatter#RFC_1123_DATE_TIME} prints "7 Nov"), in GMT.
     */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    /** Of temporary credentials, or null: an x-amz-* header, so V2 signs it like the others. */
    private final String sessionToken;

    public V2RequestSigner(String accessKey, String secretKey) {
        this(accessKey, secretKey, null);
    }

    /** @param sessionToken the session token of temporary credentials, or null */
    public V2RequestSigner(String accessKey, String secretKey, String sessionToken) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.sessionToken = sessionToken;
    }

    @Override
    public SigningResult sign(WireRequest request, Instant now) {
        Map<String, String> added = new LinkedHashMap<>();
        Headers headers = withToken(request.headers());
        if (sessionToken != null) {
            added.put(SignerV4.SECURITY_TOKEN_HEADER, sessionToken);
        }
        // With x-amz-date present S3 signs that header and an empty Date line.
        String dateLine = headers.contains("x-amz-date") ? "" : HTTP_DATE.format(now);
        if (!headers.contains("x-amz-date")) {
            added.put("Date", dateLine);
        }
        added.put("Authorization", "AWS " + accessKey + ':' + signature(request, headers, dateLine));
        return SigningResult.asHeaders(added);
    }

    @Override
    public SigningResult presign(WireRequest request, Instant now, Instant expires) {
        // Query auth puts Expires on the Date line; neither Date nor x-amz-date takes its place.
        String expiresEpoch = Long.toString(expires.getEpochSecond());
        Map<String, String> added = new LinkedHashMap<>();
        added.put("AWSAccessKeyId", accessKey);
        added.put("Expires", expiresEpoch);
        if (sessionToken != null) {
            // S3 reads x-amz-* query parameters as headers, so the token is signed on an amz header line
            added.put(SignerV4.SECURITY_TOKEN_HEADER, sessionToken);
        }
        added.put("Signature", signature(request, withToken(request.headers()), expiresEpoch));
        return SigningResult.asQuery(added);
    }

    private Headers withToken(Headers headers) {
        return sessionToken == null ? headers : headers.set(SignerV4.SECURITY_TOKEN_HEADER, sessionToken);
    }

    /** The one computation both placements share: string to sign, then HMAC-SHA1. */
    private String signature(WireRequest request, Headers headers, String dateLine) {
        String resource = SignerV2.canonicalResource(request.v2ResourcePath(), request.query());
        return SignerV2.sign(secretKey, SignerV2.assemble(request.method(), headers, dateLine, resource));
    }

    @Override
    public String toString() {
        return "V2RequestSigner{accessKeyId=" + Redaction.accessKeyId(accessKey)
                + (sessionToken == null ? "" : ", sessionToken=****") + '}';
    }
}
