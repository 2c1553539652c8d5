package dev.s3legacy.client;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** S3's rules for bucket names and keys, checked before anything is sent. */
public final class S3Names {

    /** Legacy (us-east-1 and many S3-compatible stores) names: up to 255 of these characters. */
    private static final Pattern LEGACY_BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]");
    /** Names usable as a DNS label set: what virtual-hosted requests need. */
    private static final Pattern DNS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    public static final int MAX_KEY_BYTES = 1024;

    private S3Names() {
    }

    /**
     * @throws IllegalArgumentException naming the value when it cannot be a bucket name
     */
    public static String requireValidBucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("Bucket name is required");
        }
        if (!LEGACY_BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("Invalid bucket name '" + printable(bucket)
                    + "': use 3 to 255 letters, digits, '.', '-' or '_', starting and ending with a letter or digit");
        }
        return bucket;
    }

    /**
     * @throws IllegalArgumentException naming the value when it cannot be an object key
     */
    public static String requireValidKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Object key is required");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("Invalid object key '" + printable(key)
                        + "': it is not valid Unicode (unpaired surrogate at index " + i + ")");
            }
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Invalid object key '" + printable(key.substring(0, 64))
                    + "...': " + bytes + " bytes of UTF-8, S3 allows at most " + MAX_KEY_BYTES);
        }
        return key;
    }

    /** Whether the bucket can be the first label of a virtual host (lower case, no '_', not an IP). */
    public static boolean isDnsCompatible(String bucket) {
        return DNS_BUCKET.matcher(bucket).matches() && !bucket.contains("..") && !bucket.contains(".-")
                && !bucket.contains("-.") && !IP_ADDRESS.matcher(bucket).matches();
    }

    /** Whether a host is an IP address or localhost, where a bucket subdomain cannot resolve. */
    public static boolean isIpOrLocalhost(String host) {
        return host.equalsIgnoreCase("localhost") || IP_ADDRESS.matcher(host).matches() || host.startsWith("[")
                || host.contains(":");
    }

    /** The value with control characters shown as escapes, safe to put in a message. */
    public static String printable(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
