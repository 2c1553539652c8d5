package dev.s3legacy.client;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an object is written with beyond its data and metadata: server-side encryption (SSE-S3, SSE-KMS or
 * SSE-C), storage class and the content headers S3 stores and serves back. Built once and applied to every
 * request that needs it, so put, multipart upload, copy and the consumer's move send the same headers.
 * Immutable; a customer key never shows in {@link #toString()}.
 */
public final class ObjectWriteOptions {

    public static final String AES256 = "AES256";
    public static final String AWS_KMS = "aws:kms";
    /** AWS's storage classes when this was written; other tokens are accepted (see {@link #requireStorageClass}). */
    public static final Set<String> AWS_STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
            "INTELLIGENT_TIERING", "GLACIER", "GLACIER_IR", "DEEP_ARCHIVE", "OUTPOSTS", "EXPRESS_ONEZONE", "SNOW");
    private static final Pattern STORAGE_CLASS_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public static final ObjectWriteOptions NONE = builder().build();

    private final String serverSideEncryption;
    private final String kmsKeyId;
    private final SseCustomerKey customerKey;
    private final String storageClass;
    private final String contentDisposition;
    private final String contentEncoding;
    private final String cacheControl;

    private ObjectWriteOptions(Builder b) {
        this.serverSideEncryption = b.serverSideEncryption;
        this.kmsKeyId = b.kmsKeyId;
        this.customerKey = b.customerKey;
        this.storageClass = b.storageClass;
        this.contentDisposition = b.contentDisposition;
        this.contentEncoding = b.contentEncoding;
        this.cacheControl = b.cacheControl;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.serverSideEncryption = serverSideEncryption;
        b.kmsKeyId = kmsKeyId;
        b.customerKey = customerKey;
        b.storageClass = storageClass;
        b.contentDisposition = contentDisposition;
        b.contentEncoding = contentEncoding;
        b.cacheControl = cacheControl;
        return b;
    }

    /** @throws IllegalArgumentException unless {@code AES256} or {@code aws:kms}; {@code what} names the setting */
    public static String requireServerSideEncryption(String what, String value) {
        if (value != null && !AES256.equals(value) && !AWS_KMS.equals(value)) {
            throw new IllegalArgumentException(what + " must be " + AES256 + " or " + AWS_KMS + ", was '" + S3Names.printable(value) + "'");
        }
        return value;
    }

    /**
     * A storage class is a token: AWS's names ({@link #AWS_STORAGE_CLASSES}) and the ones S3-compatible stores
     * define for themselves (Ceph RGW placement classes, for example) all pass; blanks, spaces and other
     * characters fail here, before a request is sent. A token the store does not know is refused by the store
     * ({@code InvalidStorageClass}).
     */
    public static String requireStorageClass(String what, String value) {
        if (value != null && !STORAGE_CLASS_TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a storage class such as STANDARD_IA or GLACIER_IR (letters, digits,"
                    + " _ . -), was '" + S3Names.printable(value) + "'");
        }
        return value;
    }

    public String serverSideEncryption() {
        return serverSideEncryption;
    }

    public String kmsKeyId() {
        return kmsKeyId;
    }

    public SseCustomerKey customerKey() {
        return customerKey;
    }

    public String storageClass() {
        return storageClass;
    }

    public String contentDisposition() {
        return contentDisposition;
    }

    public String contentEncoding() {
        return contentEncoding;
    }

    public String cacheControl() {
        return cacheControl;
    }

    /** Adds every header of a write: put, multipart initiate. */
    public <T> S3Request<T> applyTo(S3Request<T> request) {
        applyContentHeaders(request);
        return applyStorageAndEncryption(request);
    }

    /**
     * Adds the headers of a copy: the target's encryption and storage class, the source's customer key (the
     * one key encrypts both), and the content headers only when the copy replaces the metadata (with S3's
     * default metadata directive COPY they come from the source and S3 ignores any sent).
     */
    public <T> S3Request<T> applyToCopy(S3Request<T> request, boolean replacesMetadata) {
        if (replacesMetadata) {
            applyContentHeaders(request);
        }
        applyStorageAndEncryption(request);
        return customerKey == null ? request : customerKey.applyToCopySource(request);
    }

    /**
     * Adds what a request reading the object's data or headers needs: the customer key of an SSE-C object (get,
     * head, ranged get), also sent with every part of a multipart upload and its Complete.
     */
    public <T> S3Request<T> applyToRead(S3Request<T> request) {
        return customerKey == null ? request : customerKey.applyTo(request);
    }

    /**
     * Adds what a part copied from another object needs: the customer key as the target's (like every part)
     * and as the copy source's (the one key encrypts both). Nothing else: storage class and encryption go on
     * the upload's initiate.
     */
    public <T> S3Request<T> applyToPartCopy(S3Request<T> request) {
        return customerKey == null ? request : customerKey.applyToCopySource(customerKey.applyTo(request));
    }

    private <T> void applyContentHeaders(S3Request<T> request) {
        request.headerIfSet("Content-Disposition", contentDisposition).headerIfSet("Content-Encoding", contentEncoding)
                .headerIfSet("Cache-Control", cacheControl);
    }

    private <T> S3Request<T> applyStorageAndEncryption(S3Request<T> request) {
        request.headerIfSet("x-amz-storage-class", storageClass)
                .headerIfSet("x-amz-server-side-encryption", serverSideEncryption)
                .headerIfSet("x-amz-server-side-encryption-aws-kms-key-id", kmsKeyId);
        return customerKey == null ? request : customerKey.applyTo(request);
    }

    @Override
    public String toString() {
        return "ObjectWriteOptions[serverSideEncryption=" + serverSideEncryption + ", kmsKeyId=" + kmsKeyId
                + ", customerKey=" + (customerKey == null ? "none" : customerKey) + ", storageClass=" + storageClass
                + ", contentDisposition=" + contentDisposition + ", contentEncoding=" + contentEncoding
                + ", cacheControl=" + cacheControl + "]";
    }

    public static final class Builder {
        private String serverSideEncryption;
        private String kmsKeyId;
        private SseCustomerKey customerKey;
        private String storageClass;
        private String contentDisposition;
        private String contentEncoding;
        private String cacheControl;

        private Builder() {
        }

        /** {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS); null for the bucket's default. */
        public Builder serverSideEncryption(String serverSideEncryption) {
            this.serverSideEncryption = requireServerSideEncryption("serverSideEncryption", emptyToNull(serverSideEncryption));
            return this;
        }

        /** The KMS key of SSE-KMS (only with {@code aws:kms}); null for the account's default key. */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = emptyToNull(kmsKeyId);
            return this;
        }

        /** SSE-C; not together with {@link #serverSideEncryption}. */
        public Builder customerKey(SseCustomerKey customerKey) {
            this.customerKey = customerKey;
            return this;
        }

        public Builder storageClass(String storageClass) {
            this.storageClass = requireStorageClass("storageClass", emptyToNull(storageClass));
            return this;
        }

        public Builder contentDisposition(String contentDisposition) {
            this.contentDisposition = emptyToNull(contentDisposition);
            return this;
        }

        public Builder contentEncoding(String contentEncoding) {
            this.contentEncoding = emptyToNull(contentEncoding);
            return this;
        }

        public Builder cacheControl(String cacheControl) {
            this.cacheControl = emptyToNull(cacheControl);
            return this;
        }

        /** @throws IllegalArgumentException for combinations S3 refuses */
        public ObjectWriteOptions build() {
            if (kmsKeyId != null && !AWS_KMS.equals(serverSideEncryption)) {
                throw new IllegalArgumentException("kmsKeyId needs serverSideEncryption=" + AWS_KMS);
            }
            if (customerKey != null && serverSideEncryption != null) {
                throw new IllegalArgumentException("customerKey (SSE-C) and serverSideEncryption exclude each other");
            }
            return new ObjectWriteOptions(this);
        }

        private static String emptyToNull(String value) {
            return value == null || value.isEmpty() ? null : value;
        }
    }
}
