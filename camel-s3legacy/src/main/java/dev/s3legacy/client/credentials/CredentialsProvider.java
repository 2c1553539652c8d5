package dev.s3legacy.client.credentials;

/**
 * Where a connection gets the credentials it signs with. Called for every attempt of every request, from
 * many threads at once: implementations must be thread-safe and cheap once they have credentials (cache
 * what is expensive to get).
 */
@FunctionalInterface
public interface CredentialsProvider {

    /**
     * The credentials to sign with now.
     *
     * @throws CredentialsException when none can be had; its message never holds a secret
     */
    Credentials resolve();

    /**
     * The store refused {@code rejected} as expired ({@code ExpiredToken}): new credentials, loaded now if
     * {@code rejected} are still the current ones. Providers of fixed credentials return them again.
     */
    default Credentials refresh(Credentials rejected) {
        return resolve();
    }
}
