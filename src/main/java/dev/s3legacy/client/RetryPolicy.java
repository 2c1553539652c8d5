package dev.s3legacy.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Which failures are worth another try, and how long to wait first (exponential backoff, jitter, Retry-After). */
final class RetryPolicy {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(500, 502, 503, 504);
    private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "RequestTimeout", "InternalError",
            "ServiceUnavailable", "IncompleteBody", "ConnectionFailed", "Timeout");
    private static final Duration MAX_DELAY = Duration.ofSeconds(20);

    private final int maxRetries;
    private final Duration baseDelay;

    RetryPolicy(int maxRetries, Duration baseDelay) {
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
    }

    int maxRetries() {
        return maxRetries;
    }

    static boolean isRetryable(S3LegacyException e) {
        return RETRYABLE_STATUS.contains(e.getStatusCode()) || RETRYABLE_CODES.contains(e.getErrorCode())
                || e.getStatusCode() == S3LegacyException.NO_RESPONSE && e.getCause() instanceof IOException
                // our own check of a download against its ETag (S3's 400 BadDigest on upload is not retried)
                || "BadDigest".equals(e.getErrorCode()) && e.getStatusCode() / 100 == 2;
    }

    /** Delay before retry number {@code retry} (1-based): half fixed, half random, doubled each time, capped. */
    Duration delay(int retry, Duration retryAfter) {
        long ceiling = Math.min(MAX_DELAY.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > millis) {
            millis = Math.min(retryAfter.toMillis(), MAX_DELAY.toMillis());
        }
        return Duration.ofMillis(millis);
    }

    /** Retry-After in seconds (S3 and proxies send seconds; an HTTP date is read too). */
    static Duration parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            var at = S3Response.parseHttpDate(value);
            return at == null ? null : Duration.between(java.time.Instant.now(), at);
        }
    }
}
