package dev.s3legacy.client;

/**
 * A request that failed: the HTTP status, S3's error code ({@code NoSuchKey},
 * {@code SignatureDoesNotMatch}, ...), its message, request id and resource. Failures before any
 * response (connection refused, reset, timeout) have status 0 and a code naming the fault. The
 * message never contains credentials.
 */
public class S3LegacyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status code used when no HTTP response was received. */
    public static final int NO_RESPONSE = 0;

    private final int statusCode;
    private final String errorCode;
    private final String s3Message;
    private final String requestId;
    private final String resource;
    private final transient String errorDocument;
    private final boolean serviceError;

    public S3LegacyException(String method, int statusCode, String errorCode, String s3Message, String requestId,
                             String resource, String errorDocument, Throwable cause) {
        this(method, statusCode, errorCode, s3Message, requestId, resource, errorDocument, cause,
                statusCode != NO_RESPONSE);
    }

    /**
     * @param serviceError true when the store answered with this error; false when the client found the
     *                     failure itself (no response, a body cut short or not matching its ETag, an
     *                     unreadable document, a redirect it would not follow)
     */
    public S3LegacyException(String method, int statusCode, String errorCode, String s3Message, String requestId,
                             String resource, String errorDocument, Throwable cause, boolean serviceError) {
        super(describe(method, statusCode, errorCode, s3Message, requestId, resource), cause);
        this.serviceError = serviceError;
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.s3Message = s3Message;
        this.requestId = requestId;
        this.resource = resource;
        this.errorDocument = errorDocument;
    }

    private static String describe(String method, int status, String code, String message, String requestId,
                                   String resource) {
        StringBuilder sb = new StringBuilder("S3 ").append(method).append(' ').append(resource).append(" failed: ");
        if (status != NO_RESPONSE) {
            sb.append("HTTP ").append(status).append(' ');
        }
        sb.append(code);
        if (message != null && !message.isBlank()) {
            sb.append(" - ").append(message);
        }
        if (requestId != null) {
            sb.append(" (request id ").append(requestId).append(')');
        }
        return sb.toString();
    }

    public int getStatusCode() {
        return statusCode;
    }

    public String getErrorCode() {
        return errorCode;
    }

    /** S3's own message, without the request details this exception's message adds. */
    public String getS3Message() {
        return s3Message;
    }

    public String getRequestId() {
        return requestId;
    }

    /** The bucket/key path the request addressed, e.g. {@code /bucket/key}. */
    public String getResource() {
        return resource;
    }

    /**
     * Whether the store itself answered with this error (its status, code and request id); false for a
     * failure the client found: no response at all, a body cut short or not matching its ETag, an
     * unreadable answer, a redirect outside the configured store.
     */
    public boolean isServiceError() {
        return serviceError;
    }

    /** The error body as received (bounded), or null. */
    public String getErrorDocument() {
        return errorDocument;
    }
}
