package dev.s3legacy.client.credentials;

/** No credentials could be had; the message says from where and why, and never holds a secret. */
public class CredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
