package dev.s3legacy.client;

/** How credentials appear in {@code toString()}, logs and messages: never whole. */
public final class Redaction {

    private Redaction() {
    }

    /**
     * An access key id shortened to its first four characters (AWS's {@code AKIA}/{@code ASIA} kind
     * prefix, enough to tell long-term from temporary keys), the rest masked; null prints as "none".
     */
    public static String accessKeyId(String accessKey) {
        if (accessKey == null) {
            return "none";
        }
        return accessKey.substring(0, Math.min(4, accessKey.length())) + "****";
    }

    /** Whether a header's value is a credential or a key (Authorization, an SSE-C customer key): never printed. */
    public static boolean isSecretHeader(String name) {
        String lower = Headers.lower(name);
        return lower.equals("authorization") || SseCustomerKey.isKeyHeader(lower);
    }
}
