package dev.s3legacy.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What to do after a failed attempt, decided by the kind of failure: follow a redirect within the
 * store, sign again with the server's clock, wait and retry, or give up. Backoff is exponential with
 * jitter, stretched to a Retry-After the store sent.
 */
final class RetryPolicy {

    /** S3 codes that mean "try again" whatever their status (a 200 + InternalError on Complete, a 400 RequestTimeout). */
    private static final Set<String> RETRYABLE_CODES = Set.of("InternalError", "ServiceUnavailable", "RequestTimeout",
            "SlowDown");
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(500, 502, 503, 504);
    private static final Duration MAX_DELAY = Duration.ofSeconds(20);
    static final int MAX_REDIRECTS = 3;

    private final int maxRetries;
    private final Duration baseDelay;
    private final boolean followRedirects;

    RetryPolicy(int maxRetries, Duration baseDelay, boolean followRedirects) {
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
        this.followRedirects = followRedirects;
    }

    int maxRetries() {
        return maxRetries;
    }

    /** The next step. */
    sealed interface Next {
        /** Send again after {@code delay}. */
        record Retry(Duration delay) implements Next {
        }

        /** Send again to another host of the store and/or signed for another region. */
        record Follow(String host, String region) implements Next {
        }

        /** Send again with credentials loaded anew. */
        record RefreshCredentials() implements Next {
        }

        /** Send again signed with the server's clock. */
        record Resign(long offsetMillis) implements Next {
        }

        /** Give up: the failure is final; {@code why} says why it was not retried (for the message or log). */
        record GiveUp(String why) implements Next {
        }
    }

    /** Counts of one request's attempts so far, and what the last ones brought. */
    static final class Attempts {
        int retries;
        int redirects;
        boolean skewCorrected;
        /** Whether the credentials were refreshed once already after the store called them expired. */
        boolean credentialsRefreshed;
        /** A download check failure, to tell a repeatable mismatch (opaque ETags) from a corrupted transfer. */
        String lastDigestMismatch;
        /** Where a redirect sent the request (host[:port]), or null for the configured address. */
        String host;
        /** The region a redirect named, or null for the configured one. */
        String region;

        int count() {
            return retries + redirects + (skewCorrected ? 1 : 0) + (credentialsRefreshed ? 1 : 0) + 1;
        }
    }

    /** @param endpoint the configured store, which redirects may not leave */
    Next next(Outcome.Failure failure, Attempts attempts, S3Request<?> request, java.net.URI endpoint) {
        // A redirect or a clock-skew refusal is S3 declining before doing anything: sending again is safe
        // for any operation whose body can be produced again. Other retries need an idempotent operation too.
        boolean resendable = request.body() == null || request.body().isRepeatable();
        if (failure instanceof Outcome.Redirect redirect) {
            return redirect(redirect, attempts, request, endpoint, resendable);
        }
        if (failure instanceof Outcome.ClockSkew skew) {
            if (attempts.skewCorrected || !resendable) {
                return new Next.GiveUp(attempts.skewCorrected ? "skew corrected once already" : "body cannot be sent again");
            }
            return new Next.Resign(skew.offsetMillis());
        }
        if (failure instanceof Outcome.ExpiredCredentials) {
            if (attempts.credentialsRefreshed || !resendable) {
                return new Next.GiveUp(attempts.credentialsRefreshed ? "credentials refreshed once already"
                        : "body cannot be sent again");
            }
            return new Next.RefreshCredentials();
        }
        if (failure instanceof Outcome.DigestMismatch mismatch) {
            // The same wrong digest twice is not a corrupted transfer but an ETag that is not an MD5.
            boolean repeated = mismatch.detail().equals(attempts.lastDigestMismatch);
            attempts.lastDigestMismatch = mismatch.detail();
            return repeated ? new Next.GiveUp("the same mismatch twice: the store's ETag is not the MD5 of the"
                    + " data (set verifyDownloads=false for such a store)") : retry(attempts, request, null);
        }
        if (failure instanceof Outcome.Throttled throttled) {
            return retry(attempts, request, throttled.retryAfter());
        }
        if (failure instanceof Outcome.TransportError transport) {
            if (transport.kind() == Outcome.TransportKind.INTERRUPTED) {
                return new Next.GiveUp("interrupted");
            }
            return ResponseClassifier.isCertificateFailure(transport.cause())
                    ? new Next.GiveUp("a certificate the client does not trust is the same on every attempt")
                    : retry(attempts, request, null);
        }
        if (failure instanceof Outcome.ServiceError error) {
            return RETRYABLE_STATUS.contains(error.status()) || RETRYABLE_CODES.contains(error.code()) ? retry(attempts, request, null)
                    : new Next.GiveUp("not retryable");
        }
        return new Next.GiveUp("not retryable"); // InvalidResponse: the same bytes would come again
    }

    private Next redirect(Outcome.Redirect redirect, Attempts attempts, S3Request<?> request, java.net.URI endpoint,
                          boolean resendable) {
        if (!followRedirects) {
            return new Next.GiveUp("followRedirects is off");
        }
        if (attempts.redirects >= MAX_REDIRECTS || !resendable) {
            return new Next.GiveUp(!resendable ? "body cannot be sent again" : "more than " + MAX_REDIRECTS + " redirects");
        }
        String host = redirect.host();
        if (host == null && redirect.error().status() != 400) {
            host = StoreHosts.awsRegionalHost(endpoint, redirect.region());
        }
        if (host == null && redirect.region() == null) {
            return new Next.GiveUp("the redirect names no endpoint");
        }
        if (host != null) {
            String why = StoreHosts.whyNotInStore(endpoint, request.bucket(), host);
            if (why != null) {
                return new Next.GiveUp("redirect to " + host + " not followed: " + why);
            }
        }
        return new Next.Follow(host, redirect.region());
    }

    private Next retry(Attempts attempts, S3Request<?> request, Duration retryAfter) {
        if (!request.isRetryable()) {
            return new Next.GiveUp("not idempotent, or its body cannot be sent again");
        }
        if (attempts.retries >= maxRetries) {
            return new Next.GiveUp("after " + attempts.count() + " attempt(s)");
        }
        return new Next.Retry(delay(attempts.retries + 1, retryAfter));
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
