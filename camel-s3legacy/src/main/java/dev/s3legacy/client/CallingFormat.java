package dev.s3legacy.client;

/** Where the bucket goes in the request URL. */
public enum CallingFormat {
    /** {@code https://bucket.host/key}; falls back to {@link #PATH} where a subdomain cannot work. */
    SUBDOMAIN,
    /** {@code https://host/bucket/key}. */
    PATH,
    /** {@code https://bucket/key}: the bucket name is a host name (a CNAME to the store). */
    VANITY
}
