package dev.s3legacy.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * An SSE-C key (server-side encryption with a customer-provided key): 256 bits for AES256, given in base64.
 * S3 keeps only a salted hash of it, so every request that writes or reads the object's data must send
 * it again, with its MD5, which is computed here. The key is a secret: it never appears in a message or
 * {@link #toString()}.
 */
public final class SseCustomerKey {

    public static final String ALGORITHM = "AES256";
    private static final String NAME = "server-side-encryption-customer-";
    static final String ALGORITHM_HEADER = "x-amz-" + NAME + "algorithm";
    static final String KEY_HEADER = "x-amz-" + NAME + "key";
    static final String KEY_MD5_HEADER = "x-amz-" + NAME + "key-MD5";
    static final String COPY_ALGORITHM_HEADER = "x-amz-copy-source-" + NAME + "algorithm";
    static final String COPY_KEY_HEADER = "x-amz-copy-source-" + NAME + "key";
    static final String COPY_KEY_MD5_HEADER = "x-amz-copy-source-" + NAME + "key-MD5";
    private static final int KEY_BYTES = 32;

    private final String keyBase64;
    private final String keyMd5Base64;

    private SseCustomerKey(String keyBase64, String keyMd5Base64) {
        this.keyBase64 = keyBase64;
        this.keyMd5Base64 = keyMd5Base64;
    }

    /**
     * @param what names the setting in a failure's message (e.g. "Option customerKey"); the value is never
     *             repeated there
     * @throws IllegalArgumentException unless the text is base64 of exactly 32 bytes
     */
    public static SseCustomerKey ofBase64(String what, String base64) {
        Objects.requireNonNull(base64, what);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            // not e's message: it quotes the offending character
            throw new IllegalArgumentException(what + " must be a base64 AES-256 key (32 bytes); the value is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be a base64 AES-256 key (32 bytes); the value decodes to "
                    + key.length + " bytes");
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(key);
            return new SseCustomerKey(Base64.getEncoder().encodeToString(key), Base64.getEncoder().encodeToString(md5));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the key's three headers: on a write (put, initiate, copy target), a read (get, head) and each part. */
    public <T> S3Request<T> applyTo(S3Request<T> request) {
        return request.header(ALGORITHM_HEADER, ALGORITHM).header(KEY_HEADER, keyBase64).header(KEY_MD5_HEADER, keyMd5Base64);
    }

    /** Adds the key as the copy source's ({@code x-amz-copy-source-server-side-encryption-customer-*}). */
    public <T> S3Request<T> applyToCopySource(S3Request<T> request) {
        return request.header(COPY_ALGORITHM_HEADER, ALGORITHM).header(COPY_KEY_HEADER, keyBase64)
                .header(COPY_KEY_MD5_HEADER, keyMd5Base64);
    }

    /** The base64 MD5 of the key, as S3 echoes it; not secret (a hash), useful to tell keys apart. */
    public String keyMd5() {
        return keyMd5Base64;
    }

    /** Whether a header carries a customer key (its value must never be printed). */
    static boolean isKeyHeader(String lowerCaseName) {
        return lowerCaseName.equals(KEY_HEADER) || lowerCaseName.equals(COPY_KEY_HEADER);
    }

    @Override
    public String toString() {
        return "SseCustomerKey[" + ALGORITHM + ", key hidden]";
    }
}
