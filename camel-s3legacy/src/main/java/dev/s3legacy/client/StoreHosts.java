package dev.s3legacy.client;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which hosts belong to the configured store, so that a redirect is followed only there (a redirect
 * elsewhere would carry the request, its body and a fresh signature to whoever the answer names):
 * the endpoint's own host, the bucket's subdomain of it, or another regional S3 host of AWS when the
 * endpoint is an AWS S3 host. The port must be the endpoint's.
 */
final class StoreHosts {

    /** s3.amazonaws.com, s3.eu-west-1.amazonaws.com, s3-eu-west-1.amazonaws.com, s3.dualstack.x.amazonaws.com, .com.cn. */
    private static final Pattern AWS_S3_HOST = Pattern.compile("s3([.-][a-z0-9-]+)*\\.amazonaws\\.com(\\.cn)?");

    private StoreHosts() {
    }

    /**
     * @param hostPort a host with an optional {@code :port}, as {@link #redirectHost} returns it
     * @return null when it belongs to the store, else why not (for the error message)
     */
    static String whyNotInStore(URI endpoint, String bucket, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon > hostPort.lastIndexOf(']');
        String host = (hasPort ? hostPort.substring(0, colon) : hostPort).toLowerCase(Locale.ROOT);
        int port = hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : defaultPort(endpoint);
        int endpointPort = endpoint.getPort() == -1 ? defaultPort(endpoint) : endpoint.getPort();
        if (port != endpointPort) {
            return "port " + port + " is not the endpoint's port " + endpointPort;
        }
        String endpointHost = endpoint.getHost().toLowerCase(Locale.ROOT);
        String bucketPrefix = bucket == null ? null : bucket.toLowerCase(Locale.ROOT) + ".";
        if (host.equals(endpointHost) || bucketPrefix != null && host.equals(bucketPrefix + endpointHost)) {
            return null;
        }
        String bare = bucketPrefix != null && host.startsWith(bucketPrefix) ? host.substring(bucketPrefix.length()) : host;
        if (AWS_S3_HOST.matcher(endpointHost).matches() && AWS_S3_HOST.matcher(bare).matches()
                && endpointHost.endsWith(".cn") == bare.endsWith(".cn")) {
            return null;
        }
        return "host " + host + " is outside the configured store " + endpointHost;
    }

    /** The AWS regional host of a region, for a redirect that names only the region (a HEAD has no body). */
    static String awsRegionalHost(URI endpoint, String region) {
        String endpointHost = endpoint.getHost().toLowerCase(Locale.ROOT);
        if (region == null || !AWS_S3_HOST.matcher(endpointHost).matches()) {
            return null;
        }
        return "s3." + region + ".amazonaws.com" + (endpointHost.endsWith(".cn") ? ".cn" : "");
    }

    private static int defaultPort(URI endpoint) {
        return "https".equals(endpoint.getScheme()) ? 443 : 80;
    }

    private static final Pattern HOST_PORT = Pattern.compile(
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
            String name = host.substring(0, scheme).toLowerCase(Locale.ROOT);
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
}
