package dev.s3legacy.client.credentials;

import java.util.Objects;

/** Fixed credentials, such as the {@code accessKey}/{@code secretKey} (and {@code sessionToken}) options. */
public final class StaticCredentialsProvider implements CredentialsProvider {

    private final Credentials credentials;

    public StaticCredentialsProvider(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public Credentials resolve() {
        return credentials;
    }

    @Override
    public String toString() {
        return "StaticCredentialsProvider[" + credentials + "]";
    }
}
