package dev.s3legacy.client.signing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.s3legacy.client.Headers;
import dev.s3legacy.client.Redaction;
import dev.s3legacy.client.S3Limits;

/** Signs with AWS Signature Version 4 (HMAC-SHA256) for service {@code s3} in one region. */
public final class V4RequestSigner implements RequestSigner {

    static final String SERVICE = "s3";
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The signing key of one day; replaced whole so readers never see a date with another day's key. */
    private record DayKey(String day, byte[] key) {
    }

    private final String accessKey;
    private final String secretKey;
    /** Of temporary credentials, or null: sent as x-amz-security-token, signed like every x-amz-* header. */
    private final String sessionToken;
    private final String region;
    private volatile DayKey dayKey;

    public V4RequestSigner(String accessKey, String secretKey, String region) {
        this(accessKey, secretKey, null, region);
    }

    /** @param sessionToken the session token of temporary credentials, or null */
    public V4RequestSigner(String accessKey, String secretKey, String sessionToken, String region) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.sessionToken = sessionToken;
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public RequestSigner forRegion(String otherRegion) {
        return otherRegion == null || otherRegion.equals(region) ? this
                : new V4RequestSigner(accessKey, secretKey, sessionToken, otherRegion);
    }

    @Override
    public SigningResult sign(WireRequest request, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        Map<String, String> added = new LinkedHashMap<>();
        if (request.header("Host") == null) {
            added.put("Host", request.host()); // signed; the HTTP client sends it from the URL
        }
        added.put("x-amz-date", amzDate);
        added.put("x-amz-content-sha256", request.payloadHash());
        if (sessionToken != null) {
            added.put(SignerV4.SECURITY_TOKEN_HEADER, sessionToken);
        }
        Headers headers = request.headers();
        added.forEach(headers::set);
        Signed s = signature(request, headers, request.query(), request.payloadHash(), amzDate);
        added.put("Authorization", SignerV4.ALGORITHM + " Credential=" + accessKey + '/' + s.scope
                + ", SignedHeaders=" + s.signedHeaders + ", Signature=" + s.signature);
        return SigningResult.asHeaders(added);
    }

    /** @throws IllegalArgumentException when {@code expires - now} is not within 1..604800 seconds */
    @Override
    public SigningResult presign(WireRequest request, Instant now, Instant expires) {
        // whole seconds, as X-Amz-Date carries no fraction
        long seconds = expires.getEpochSecond() - now.getEpochSecond();
        if (seconds < 1 || seconds > S3Limits.MAX_PRESIGN_SECONDS) {
            throw new IllegalArgumentException(
                    "X-Amz-Expires must be 1.." + S3Limits.MAX_PRESIGN_SECONDS + " seconds, was " + seconds);
        }
        String amzDate = AMZ_DATE.format(now);
        Headers headers = request.headers();
        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Algorithm", SignerV4.ALGORITHM);
        added.put("X-Amz-Credential", accessKey + '/' + scope(amzDate));
        added.put("X-Amz-Date", amzDate);
        added.put("X-Amz-Expires", Long.toString(seconds));
        added.put("X-Amz-SignedHeaders", String.join(";", SignerV4.signedHeaderNames(withHost(request, headers))));
        if (sessionToken != null) {
            added.put("X-Amz-Security-Token", sessionToken); // part of the canonical query, as AWS's SDKs sign it
        }
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.remove("X-Amz-Signature");
        query.putAll(added);
        // the URL's user sends the body: its hash cannot be known here
        added.put("X-Amz-Signature", signature(request, headers, query, SignerV4.UNSIGNED_PAYLOAD, amzDate).signature);
        return SigningResult.asQuery(added);
    }

    private record Signed(String scope, String signedHeaders, String signature) {
    }

    /**
     * The one computation both placements share. Signed headers follow one rule
     * ({@link SignerV4#signedHeaderNames}) whether they travel as headers or their names as a query.
     */
    private Signed signature(WireRequest request, Headers headers, Map<String, String> query, String payloadHash,
                             String amzDate) {
        Headers canonical = withHost(request, headers);
        List<String> signed = SignerV4.signedHeaderNames(canonical);
        String canonicalRequest = SignerV4.canonicalRequest(request.method(), request.rawPath(),
                SignerV4.canonicalQueryString(query), canonical, signed, payloadHash);
        String scope = scope(amzDate);
        String signature = SignerV4.signature(signingKey(amzDate.substring(0, 8)),
                SignerV4.stringToSign(amzDate, scope, canonicalRequest));
        return new Signed(scope, String.join(";", signed), signature);
    }

    /** Host is always signed; the HTTP client sends it from the URL, so it is not a header of the request. */
    private static Headers withHost(WireRequest request, Headers headers) {
        if (headers.contains("Host")) {
            return headers;
        }
        return headers.copy().set("Host", request.host());
    }

    private String scope(String amzDate) {
        return SignerV4.scope(amzDate.substring(0, 8), region, SERVICE);
    }

    /** The day's signing key, derived once per UTC day rather than per request (four HMACs saved). */
    byte[] signingKey(String day) {
        DayKey current = dayKey;
        if (current == null || !current.day().equals(day)) {
            // Two threads may both derive it at midnight; either result is the same key.
            current = new DayKey(day, SignerV4.signingKey(secretKey, day, region, SERVICE));
            dayKey = current;
        }
        return current.key();
    }

    /** The cached key, for tests of the cache; null before the first signing. */
    byte[] cachedSigningKey() {
        DayKey current = dayKey;
        return current == null ? null : current.key();
    }

    @Override
    public String toString() {
        return "V4RequestSigner{accessKeyId=" + Redaction.accessKeyId(accessKey) + ", region=" + region
                + (sessionToken == null ? "" : ", sessionToken=****") + '}';
    }
}
