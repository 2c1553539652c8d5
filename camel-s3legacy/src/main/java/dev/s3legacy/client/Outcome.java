package dev.s3legacy.client;

import java.time.Duration;

/**
 * What one attempt of a request came to, as a value the retry policy switches on. Only the final
 * outcome of a request that failed becomes an {@link S3LegacyException}, at the edge.
 */
sealed interface Outcome {

    /** The request succeeded; {@code result} is the operation's parsed result. */
    record Ok(Object result) implements Outcome {
    }

    /** Any failure: how it looks to the caller once the request gives up. */
    sealed interface Failure extends Outcome {
        S3LegacyException toException(S3Request<?> request);
    }

    /** The store answered with an error (including a 200 whose body is an {@code <Error>} document). */
    record ServiceError(int status, String code, String message, String requestId, String document) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return new S3LegacyException(request.operation().method(), status, code, message, requestId,
                    request.resource(), document, null, true);
        }
    }

    /** The store asks us to slow down (503 SlowDown, 429), possibly saying for how long. */
    record Throttled(ServiceError error, Duration retryAfter) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return error.toException(request);
        }
    }

    /**
     * The store sends the request elsewhere: a 301/307 naming its {@code <Endpoint>} host, and/or the
     * bucket's region (header {@code x-amz-bucket-region} or the error's {@code <Region>}, also sent with
     * a 400 {@code AuthorizationHeaderMalformed} for a V4 signature of the wrong region). Either may be null.
     */
    record Redirect(ServiceError error, String host, String region) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return error.toException(request);
        }
    }

    /**
     * The store refused the credentials as expired ({@code ExpiredToken}, {@code TokenRefreshRequired}): new
     * ones may be accepted.
     */
    record ExpiredCredentials(ServiceError error) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return error.toException(request);
        }
    }

    /** The store refused the request's time; {@code offsetMillis} is its clock minus ours. */
    record ClockSkew(ServiceError error, long offsetMillis) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return error.toException(request);
        }
    }

    /** Why a request got no (whole) response. */
    enum TransportKind {
        TIMEOUT("Timeout"),
        CONNECTION_REFUSED("ConnectionRefused"),
        CONNECTION_FAILED("ConnectionFailed"),
        /** The body ended before (or ran past) its Content-Length. */
        INCOMPLETE_BODY("IncompleteBody"),
        INTERRUPTED("Interrupted");

        final String code;

        TransportKind(String code) {
            this.code = code;
        }
    }

    /** No (whole) answer: connection refused or reset, timeout, body cut short. */
    record TransportError(TransportKind kind, int status, String detail, Throwable cause) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return new S3LegacyException(request.operation().method(), status, kind.code, detail, null,
                    request.resource(), null, cause, false);
        }
    }

    /** A whole body whose MD5 is not the one its ETag announced. */
    record DigestMismatch(String detail, Throwable cause) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return new S3LegacyException(request.operation().method(), 200, "BadDigest", detail, null,
                    request.resource(), null, cause, false);
        }
    }

    /** A success status whose body we could not read as the operation's document. */
    record InvalidResponse(int status, String detail, String requestId, Throwable cause) implements Failure {
        public S3LegacyException toException(S3Request<?> request) {
            return new S3LegacyException(request.operation().method(), status, "InvalidResponse", detail, requestId,
                    request.resource(), null, cause, false);
        }
    }
}
