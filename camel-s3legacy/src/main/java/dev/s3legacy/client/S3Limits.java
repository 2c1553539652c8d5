package dev.s3legacy.client;

/**
 * S3's limits and this client's defaults, defined once: the Camel options, the client configuration,
 * the uploader and the generator all refer here.
 */
public final class S3Limits {

    /** S3's smallest part (all but the last): 5 MiB. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's largest part: 5 GiB. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    /** S3's most parts in one upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's largest object: 5 TiB. */
    public static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024;
    /** S3's most keys in one multi-object delete. */
    public static final int MAX_KEYS_PER_DELETE = 1000;
    /** S3's most keys in one listing page ({@code max-keys}). */
    public static final int MAX_KEYS_PER_LISTING = 1000;
    /** V4's longest pre-signed URL lifetime: 7 days. */
    public static final long MAX_PRESIGN_SECONDS = 604_800;

    /** Default part size of multipart uploads: 16 MiB. */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    /** Default size above which an upload goes multipart: 64 MiB. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 64L * 1024 * 1024;
    /** Default parts in flight at once. */
    public static final int DEFAULT_MULTIPART_CONCURRENCY = 4;
    /** Default size above which a response body spools to a temporary file: 1 MiB. */
    public static final long DEFAULT_SPOOL_THRESHOLD = 1024 * 1024;
    /** Default size of each range of a parallel download: 16 MiB. */
    public static final long DEFAULT_DOWNLOAD_PART_SIZE = 16L * 1024 * 1024;
    /** Smallest range of a parallel download (smaller ones cost more in requests than they gain): 64 KiB. */
    public static final long MIN_DOWNLOAD_PART_SIZE = 64L * 1024;
    /** Default ranges of one download in flight at once. */
    public static final int DEFAULT_DOWNLOAD_CONCURRENCY = 4;
    /** Most ranges of one download in flight at once. */
    public static final int MAX_DOWNLOAD_CONCURRENCY = 64;
    /** Default lifetime of a pre-signed URL, in seconds. */
    public static final long DEFAULT_EXPIRES_IN_SECONDS = 60;

    /**
     * The largest document (listing, ACL, logging, multipart listing ...) this client parses: a store
     * sending more is answered with an error instead of an unbounded read. 16 MiB holds a 1,000-key listing
     * of 1,024-byte keys many times over.
     */
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private S3Limits() {
    }
}
