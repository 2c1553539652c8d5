package dev.s3legacy.client.signing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.s3legacy.client.Headers;

/**
 * What a signer needs to know of a request, already resolved to the wire: the HTTP method, the
 * {@code Host} header value, the path exactly as sent (percent-encoded, {@code /} kept), the V2
 * canonical resource path ({@code /bucket/key}, encoded the same way), the query parameters
 * (decoded; a null value is a value-less sub-resource such as {@code ?acl}), the headers and the
 * payload hash (hex SHA-256, or {@code UNSIGNED-PAYLOAD}).
 *
 * <p>Signers add headers (header signing) or query parameters (pre-signing) to this object.
 */
public final class SigningRequest {

    private final String method;
    private final String host;
    private final String rawPath;
    private final String v2ResourcePath;
    private final Map<String, String> query;
    private final Headers headers;
    private String payloadHash;

    public SigningRequest(String method, String host, String rawPath, String v2ResourcePath,
                          Map<String, String> query, Headers headers, String payloadHash) {
        this.method = method;
        this.host = host;
        this.rawPath = rawPath;
        this.v2ResourcePath = v2ResourcePath;
        this.query = new LinkedHashMap<>(query);
        this.headers = headers;
        this.payloadHash = payloadHash;
    }

    public String method() {
        return method;
    }

    /** Host header value: host, plus {@code :port} when not the scheme's default. */
    public String host() {
        return host;
    }

    /** The request path as sent on the wire, percent-encoded, starting with {@code /}. */
    public String rawPath() {
        return rawPath;
    }

    /** V2's resource: {@code /bucket/encodedKey} (or {@code /} for the service), whatever the calling format. */
    public String v2ResourcePath() {
        return v2ResourcePath;
    }

    /** Decoded query parameters in insertion order; a null value is a value-less sub-resource. */
    public Map<String, String> query() {
        return query;
    }

    public Headers headers() {
        return headers;
    }

    /** Hex SHA-256 of the body, or {@code UNSIGNED-PAYLOAD}. */
    public String payloadHash() {
        return payloadHash;
    }

    public void payloadHash(String payloadHash) {
        this.payloadHash = payloadHash;
    }
}
