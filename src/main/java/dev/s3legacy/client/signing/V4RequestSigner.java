package dev.s3legacy.client.signing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.s3legacy.client.Headers;

/** Signs with AWS Signature Version 4 (HMAC-SHA256) for service {@code s3} in one region. */
public final class V4RequestSigner implements RequestSigner {

    static final String SERVICE = "s3";
    /** S3's limit on a pre-signed URL's lifetime: 7 days. */
    static final long MAX_EXPIRES_SECONDS = 604_800;
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The signing key of one day; replaced whole so readers never see a date with another day's key. */
    private record DayKey(String day, byte[] key) {
    }

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private volatile DayKey dayKey;

    public V4RequestSigner(String accessKey, String secretKey, String region) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public void sign(SigningRequest request, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        String payloadHash = request.payloadHash() == null ? SignerV4.UNSIGNED_PAYLOAD : request.payloadHash();

        Headers headers = request.headers();
        if (!headers.contains("Host")) {
            headers.set("Host", request.host());
        }
        headers.set("x-amz-date", amzDate);
        headers.set("x-amz-content-sha256", payloadHash);

        List<String> signed = SignerV4.signedHeaderNames(headers);
        String canonical = SignerV4.canonicalRequest(request.method(), request.rawPath(),
                SignerV4.canonicalQueryString(request.query()), headers, signed, payloadHash);
        String scope = SignerV4.scope(day, region, SERVICE);
        String signature = SignerV4.signature(signingKey(day), SignerV4.stringToSign(amzDate, scope, canonical));
        headers.set("Authorization", SignerV4.ALGORITHM + " Credential=" + accessKey + '/' + scope
                + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature);
    }

    /** @throws IllegalArgumentException when {@code expires - now} is not within 1..604800 seconds */
    @Override
    public void presign(SigningRequest request, Instant now, Instant expires) {
        // whole seconds, as X-Amz-Date carries no fraction
        long seconds = expires.getEpochSecond() - now.getEpochSecond();
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException(
                    "X-Amz-Expires must be 1.." + MAX_EXPIRES_SECONDS + " seconds, was " + seconds);
        }
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        String scope = SignerV4.scope(day, region, SERVICE);

        // Sign host plus the headers the URL's user must send as given; the request's headers stay as they are.
        Headers canonicalHeaders = request.headers().copy();
        if (!canonicalHeaders.contains("Host")) {
            canonicalHeaders.set("Host", request.host());
        }
        TreeSet<String> names = new TreeSet<>();
        for (String name : canonicalHeaders.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("host") || lower.equals("content-type") || lower.startsWith("x-amz-")) {
                names.add(lower);
            }
        }
        List<String> signed = List.copyOf(names);

        Map<String, String> query = request.query();
        query.remove("X-Amz-Signature");
        query.put("X-Amz-Algorithm", SignerV4.ALGORITHM);
        query.put("X-Amz-Credential", accessKey + '/' + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", Long.toString(seconds));
        query.put("X-Amz-SignedHeaders", String.join(";", signed));

        String canonical = SignerV4.canonicalRequest(request.method(), request.rawPath(),
                SignerV4.canonicalQueryString(query), canonicalHeaders, signed, SignerV4.UNSIGNED_PAYLOAD);
        query.put("X-Amz-Signature",
                SignerV4.signature(signingKey(day), SignerV4.stringToSign(amzDate, scope, canonical)));
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
        return "V4RequestSigner{accessKeyId=" + accessKey + ", region=" + region + '}';
    }
}
