package dev.s3legacy.client.signing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

import dev.s3legacy.client.Headers;

/** Signs with AWS Signature Version 2 (HMAC-SHA1): the {@code Authorization: AWS id:sig} header or a query. */
public final class V2RequestSigner implements RequestSigner {

    /**
     * RFC 1123 with a two-digit day ({@link DateTimeFormatter#RFC_1123_DATE_TIME} prints "7 Nov"), in GMT.
     */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;

    public V2RequestSigner(String accessKey, String secretKey) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public void sign(SigningRequest request, Instant now) {
        Headers headers = request.headers();
        if (!headers.contains("x-amz-date")) {
            headers.set("Date", HTTP_DATE.format(now));
        }
        String resource = SignerV2.canonicalResource(request.v2ResourcePath(), request.query());
        String toSign = SignerV2.stringToSign(request.method(), headers, headers.first("Date"), resource);
        headers.set("Authorization", "AWS " + accessKey + ':' + SignerV2.sign(secretKey, toSign));
    }

    @Override
    public void presign(SigningRequest request, Instant now, Instant expires) {
        String expiresEpoch = Long.toString(expires.getEpochSecond());
        String resource = SignerV2.canonicalResource(request.v2ResourcePath(), request.query());
        // Query auth puts Expires on the Date line; neither Date nor x-amz-date takes its place.
        String toSign = SignerV2.assemble(request.method(), request.headers(), expiresEpoch, resource);
        request.query().put("AWSAccessKeyId", accessKey);
        request.query().put("Expires", expiresEpoch);
        request.query().put("Signature", SignerV2.sign(secretKey, toSign));
    }

    @Override
    public String toString() {
        return "V2RequestSigner{accessKeyId=" + accessKey + '}';
    }
}
