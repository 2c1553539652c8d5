package dev.s3legacy.client.signing;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.s3legacy.client.Headers;

/**
 * One request as it goes on the wire, immutable: the HTTP method, scheme, the {@code Host} value, the
 * path exactly as sent (percent-encoded, {@code /} kept), V2's canonical resource path ({@code /bucket/key},
 * encoded the same way), the query parameters (decoded; a null value is a value-less sub-resource such
 * as {@code ?acl}), the headers and the payload hash (hex SHA-256, or {@code UNSIGNED-PAYLOAD}).
 *
 * <p>Signing never changes it: a signer returns a {@link SigningResult}, which makes a new request.
 */
public final class WireRequest {

    private final String method;
    private final String scheme;
    private final String host;
    private final String rawPath;
    private final String v2ResourcePath;
    private final Map<String, String> query;
    private final Headers headers;
    private final String payloadHash;

    public WireRequest(String method, String scheme, String host, String rawPath, String v2ResourcePath,
                       Map<String, String> query, Headers headers, String payloadHash) {
        this.method = Objects.requireNonNull(method, "method");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.host = Objects.requireNonNull(host, "host");
        this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
        this.v2ResourcePath = Objects.requireNonNull(v2ResourcePath, "v2ResourcePath");
        // LinkedHashMap: null values (bare sub-resources) are allowed, insertion order is the wire order
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        this.headers = headers.copy();
        this.payloadHash = payloadHash == null ? SignerV4.UNSIGNED_PAYLOAD : payloadHash;
    }

    public String method() {
        return method;
    }

    public String scheme() {
        return scheme;
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

    /** Decoded query parameters in wire order, read-only; a null value is a value-less sub-resource. */
    public Map<String, String> query() {
        return query;
    }

    /** A copy of the headers: changing it changes nothing here. */
    public Headers headers() {
        return headers.copy();
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.first(name);
    }

    /** Hex SHA-256 of the body, or {@code UNSIGNED-PAYLOAD}. */
    public String payloadHash() {
        return payloadHash;
    }

    /** This request with these headers set (replacing any of the same name). */
    public WireRequest withHeaders(Map<String, String> set) {
        if (set.isEmpty()) {
            return this;
        }
        Headers h = headers.copy();
        set.forEach(h::set);
        return new WireRequest(method, scheme, host, rawPath, v2ResourcePath, query, h, payloadHash);
    }

    /** This request with these query parameters set (replacing any of the same name). */
    public WireRequest withQuery(Map<String, String> set) {
        if (set.isEmpty()) {
            return this;
        }
        Map<String, String> q = new LinkedHashMap<>(query);
        q.putAll(set);
        return new WireRequest(method, scheme, host, rawPath, v2ResourcePath, q, headers, payloadHash);
    }

    /** The full URL (a null query value is sent as a bare name, e.g. {@code ?acl}). */
    public URI uri() {
        StringBuilder sb = new StringBuilder(scheme).append("://").append(host).append(rawPath);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            sb.append(sep).append(SignerV4.uriEncode(e.getKey(), true));
            if (e.getValue() != null) {
                sb.append('=').append(SignerV4.uriEncode(e.getValue(), true));
            }
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    @Override
    public String toString() {
        // headers print with Authorization hidden; the query may hold a pre-signed signature: names only
        return method + " " + scheme + "://" + host + rawPath + (query.isEmpty() ? "" : "?" + query.keySet()) + " " + headers;
    }
}
