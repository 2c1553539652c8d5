package dev.s3legacy.client.signing;

import java.time.Instant;

/** Signs requests in one of S3's schemes. Implementations are immutable and thread-safe. */
public interface RequestSigner {

    /** Adds the date and {@code Authorization} headers (and for V4 {@code x-amz-content-sha256}). */
    void sign(SigningRequest request, Instant now);

    /**
     * Adds the query parameters of a pre-signed URL (the classic QueryStringAuthGenerator) valid until
     * {@code expires}.
     *
     * @throws IllegalArgumentException when {@code expires} is out of the scheme's range (V4: 7 days)
     */
    void presign(SigningRequest request, Instant now, Instant expires);
}
