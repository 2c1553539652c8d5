package dev.s3legacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.s3legacy.client.S3LegacyException;
import org.apache.camel.health.HealthCheck;

/**
 * What a health check reports about a failed S3 request: the HTTP status, S3's error code and the request id,
 * under the detail keys Camel's own cloud components use, so dashboards read them the same way. Built from
 * the exception's fields only (its message never holds a secret).
 */
final class S3HealthDetails {

    /** S3's error code ({@code SignatureDoesNotMatch}, {@code NoSuchBucket}, ...), or the fault's name without a response. */
    static final String ERROR_CODE = "service.error.code";
    /** The HTTP status the store answered (absent when no response came). */
    static final String STATUS_CODE = "service.status.code";
    static final String REQUEST_ID = "service.request.id";

    /** Every key {@link #of} may set, so a later failure's details do not keep a previous one's. */
    static final List<String> KEYS = List.of(ERROR_CODE, STATUS_CODE, REQUEST_ID, HealthCheck.HTTP_RESPONSE_CODE);

    private S3HealthDetails() {
    }

    static Map<String, Object> of(Throwable failure) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (failure instanceof S3LegacyException e) {
            if (e.getErrorCode() != null) {
                details.put(ERROR_CODE, e.getErrorCode());
            }
            if (e.getStatusCode() != S3LegacyException.NO_RESPONSE) {
                details.put(STATUS_CODE, e.getStatusCode());
                details.put(HealthCheck.HTTP_RESPONSE_CODE, e.getStatusCode());
            }
            if (e.getRequestId() != null) {
                details.put(REQUEST_ID, e.getRequestId());
            }
        }
        return details;
    }
}
