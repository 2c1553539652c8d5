package dev.s3legacy.client.signing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a signature adds to a request, computed once: headers ({@code Authorization} and the date and
 * payload headers it signed) for a sent request, or query parameters for a pre-signed URL. Immutable;
 * {@link #applyTo} makes the signed request.
 */
public final class SigningResult {

    private final Map<String, String> headers;
    private final Map<String, String> query;

    private SigningResult(Map<String, String> headers, Map<String, String> query) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    static SigningResult asHeaders(Map<String, String> headers) {
        return new SigningResult(headers, Map.of());
    }

    static SigningResult asQuery(Map<String, String> query) {
        return new SigningResult(Map.of(), query);
    }

    /** Headers to set on the request. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Query parameters to set on the request. */
    public Map<String, String> query() {
        return query;
    }

    public WireRequest applyTo(WireRequest request) {
        return request.withHeaders(headers).withQuery(query);
    }

    @Override
    public String toString() {
        // the values are credentials of a kind (a signature is a bearer token for its request)
        return "SigningResult[headers=" + headers.keySet() + ", query=" + query.keySet() + "]";
    }
}
