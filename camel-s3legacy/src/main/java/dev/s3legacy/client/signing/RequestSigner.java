package dev.s3legacy.client.signing;

import java.time.Instant;

/**
 * Signs requests in one of S3's schemes. Implementations are immutable and thread-safe; both methods
 * leave the request unchanged and return what to add to it.
 */
public interface RequestSigner {

    /** The date and {@code Authorization} headers (and for V4 {@code x-amz-content-sha256}) of a sent request. */
    SigningResult sign(WireRequest request, Instant now);

    /**
     * The query parameters of a pre-signed URL (the classic QueryStringAuthGenerator) valid until
     * {@code expires}.
     *
     * @throws IllegalArgumentException when {@code expires} is out of the scheme's range (V4: 7 days)
     */
    SigningResult presign(WireRequest request, Instant now, Instant expires);

    /** The same signer for another region (V4 signs the region; V2 does not). */
    default RequestSigner forRegion(String region) {
        return this;
    }
}
