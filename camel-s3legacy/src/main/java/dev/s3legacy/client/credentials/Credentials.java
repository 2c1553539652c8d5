package dev.s3legacy.client.credentials;

import java.time.Instant;
import java.util.Objects;

import dev.s3legacy.client.Redaction;

/**
 * One set of credentials, immutable: access key id, secret key, and for temporary credentials a session
 * token and the time they expire. {@link #toString()} shows the key id's first four characters only, never
 * the secret or the token.
 */
public final class Credentials {

    private final String accessKeyId;
    private final String secretKey;
    private final String sessionToken;
    private final Instant expiry;

    /**
     * @param sessionToken null for long-term keys
     * @param expiry       null when they do not expire
     * @throws IllegalArgumentException when the key id or secret is empty (the message names which, never its value)
     */
    public Credentials(String accessKeyId, String secretKey, String sessionToken, Instant expiry) {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("Credentials need an access key id");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("Credentials need a secret key");
        }
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
        this.expiry = expiry;
    }

    /** Long-term keys: no token, no expiry. */
    public static Credentials of(String accessKeyId, String secretKey) {
        return new Credentials(accessKeyId, secretKey, null, null);
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** Handle with care: never log it. */
    public String secretKey() {
        return secretKey;
    }

    /** The session token of temporary credentials, or null. Handle with care: never log it. */
    public String sessionToken() {
        return sessionToken;
    }

    /** When they expire, or null. */
    public Instant expiry() {
        return expiry;
    }

    /** Whether they have expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiry != null && !now.isBefore(expiry);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && accessKeyId.equals(c.accessKeyId) && secretKey.equals(c.secretKey)
                && Objects.equals(sessionToken, c.sessionToken) && Objects.equals(expiry, c.expiry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, expiry);
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + Redaction.accessKeyId(accessKeyId) + ", secretKey=****"
                + ", sessionToken=" + (sessionToken == null ? "none" : "****")
                + ", expiry=" + (expiry == null ? "none" : expiry) + "]";
    }
}
