package dev.s3legacy.client;

import java.net.URI;
import java.util.Map;

import dev.s3legacy.client.signing.SignerV4;
import dev.s3legacy.client.signing.WireRequest;

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

    /** The request to this address. */
    WireRequest request(String method, Map<String, String> query, Headers headers, String payloadHash) {
        return new WireRequest(method, scheme, host, rawPath, v2ResourcePath, query, headers, payloadHash);
    }

    private static String portSuffix(URI endpoint) {
        return endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort();
    }
}
