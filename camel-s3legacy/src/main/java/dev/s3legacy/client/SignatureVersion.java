package dev.s3legacy.client;

/** How requests are signed. */
public enum SignatureVersion {
    /** The classic HMAC-SHA1 scheme ({@code Authorization: AWS id:signature}); older stores speak only this. */
    V2,
    /** AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}); every AWS region accepts it. */
    V4
}
