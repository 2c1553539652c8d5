package dev.s3legacy.client;

import java.net.URI;
import java.util.Map;

import dev.s3legacy.client.signing.SignerV4;

/**
 * Where a request goes on the wire under a calling format: the URL, the Host header value, the
 * percent-encoded path (keys keep their {@code /}), and V2's canonical resource path, which is
 * {@code /bucket/key} whatever the calling format.
 */
record WireAddress(String scheme, String host, String rawPath, String v2ResourcePath) {

    static WireAddress resolve(S3ClientConfig config, String bucket, String key) {
        return resolve(config, bucket, key, null);
    }

    /**
     * @param hostOverride a host[:port] to send to instead (from a redirect's Endpoint), or null
     */
    static WireAddress resolve(S3ClientConfig config, String bucket, String key, String hostOverride) {
        URI endpoint = config.endpoint();
        String scheme = endpoint.getScheme();
        String endpointHost = endpoint.getRawAuthority();
        String encodedKey = key == null ? "" : SignerV4.uriEncode(key, false);
        if (bucket == null) {
            return new WireAddress(scheme, hostOverride != null ? hostOverride : endpointHost, "/", "/");
        }
        String resource = "/" + bucket + "/" + encodedKey;
        if (hostOverride != null) {
            // A redirect names the host that serves this bucket: address it there, bucket in the path
            // unless the host itself starts with the bucket.
            return hostOverride.startsWith(bucket + ".")
                    ? new WireAddress(scheme, hostOverride, "/" + encodedKey, resource)
                    : new WireAddress(scheme, hostOverride, resource, resource);
        }
        return switch (effectiveFormat(config, bucket)) {
            case SUBDOMAIN -> new WireAddress(scheme, bucket + "." + endpointHost, "/" + encodedKey, resource);
            case VANITY -> new WireAddress(scheme, bucket + portSuffix(endpoint), "/" + encodedKey, resource);
            case PATH -> new WireAddress(scheme, endpointHost, resource, resource);
        };
    }

    private static final java.util.regex.Pattern HOST_PORT = java.util.regex.Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?)(:[0-9]{1,5})?");

    /**
     * The host[:port] of a redirect's {@code <Endpoint>}, or null when it is not one (then the redirect
     * is not followed). S3 sends a bare host name; a scheme or a trailing slash a proxy may add is
     * dropped. The scheme stays the configured one: a redirect never turns https into http.
     */
    static String redirectHost(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        String host = endpoint.trim();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            String name = host.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("http") && !name.equals("https")) {
                return null;
            }
            host = host.substring(scheme + 3);
        }
        if (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!HOST_PORT.matcher(host).matches()) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            int port = Integer.parseInt(host.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return null;
            }
        }
        return host;
    }

    /** SUBDOMAIN needs a DNS-compatible bucket and a named host; over TLS a dotted bucket breaks the wildcard certificate. */
    static CallingFormat effectiveFormat(S3ClientConfig config, String bucket) {
        CallingFormat format = config.callingFormat();
        if (format == CallingFormat.SUBDOMAIN) {
            String host = config.endpoint().getHost();
            boolean dottedOverTls = bucket.contains(".") && config.endpoint().getScheme().equals("https");
            if (S3Names.isIpOrLocalhost(host) || !S3Names.isDnsCompatible(bucket) || dottedOverTls) {
                return CallingFormat.PATH;
            }
        }
        return format;
    }

    private static String portSuffix(URI endpoint) {
        return endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort();
    }

    /** The full URL with the given query parameters (a null value is sent as a bare name, e.g. {@code ?acl}). */
    URI uri(Map<String, String> query) {
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
}
