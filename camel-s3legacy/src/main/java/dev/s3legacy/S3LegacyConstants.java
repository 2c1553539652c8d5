package dev.s3legacy;

import org.apache.camel.spi.Metadata;

/**
 * The message headers of the s3legacy component. A header set on the incoming message overrides the
 * endpoint option of the same meaning.
 */
public final class S3LegacyConstants {

    @Metadata(description = "Output only: the bucket the consumer read from, or the bucket the producer's operation addressed."
            + " The producer does not read it (use CamelS3LegacyOverrideBucketName), so a message from one bucket sent to"
            + " another endpoint lands in that endpoint's bucket.", javaType = "String")
    public static final String BUCKET_NAME = "CamelS3LegacyBucketName";
    @Metadata(label = "producer", description = "The bucket for this message; overrides the bucket in the endpoint URI.",
              javaType = "String")
    public static final String OVERRIDE_BUCKET_NAME = "CamelS3LegacyOverrideBucketName";
    @Metadata(description = "The object key; overrides the keyName option. The producer falls back to CamelFileName.",
              javaType = "String")
    public static final String KEY = "CamelS3LegacyKey";
    @Metadata(label = "producer", description = "The operation to perform; overrides the operation option.",
              javaType = "dev.s3legacy.S3LegacyOperations")
    public static final String OPERATION = "CamelS3LegacyOperation";
    @Metadata(description = "The object's content type. On put it is taken from here, else from Content-Type, else guessed from the key.",
              javaType = "String")
    public static final String CONTENT_TYPE = "CamelS3LegacyContentType";
    @Metadata(description = "The object's length in bytes. On put it gives the length of a stream body.", javaType = "Long")
    public static final String CONTENT_LENGTH = "CamelS3LegacyContentLength";
    @Metadata(description = "The object's ETag, without the surrounding quotes.", javaType = "String")
    public static final String E_TAG = "CamelS3LegacyETag";
    @Metadata(description = "When the object was last modified.", javaType = "java.time.Instant")
    public static final String LAST_MODIFIED = "CamelS3LegacyLastModified";
    @Metadata(description = "User metadata: the x-amz-meta- headers with that prefix removed (names in lower case when read).",
              javaType = "java.util.Map<String, String>")
    public static final String METADATA = "CamelS3LegacyMetadata";
    @Metadata(label = "producer", description = "Canned ACL (x-amz-acl) for put and createBucket, e.g. private or public-read.",
              javaType = "String")
    public static final String CANNED_ACL = "CamelS3LegacyCannedAcl";
    @Metadata(label = "producer", description = "Location constraint for createBucket.", javaType = "String")
    public static final String LOCATION = "CamelS3LegacyLocation";
    @Metadata(label = "producer", description = "Listing prefix for listBucket.", javaType = "String")
    public static final String PREFIX = "CamelS3LegacyPrefix";
    @Metadata(label = "producer", description = "Listing marker for listBucket: list keys after this one.", javaType = "String")
    public static final String MARKER = "CamelS3LegacyMarker";
    @Metadata(label = "producer", description = "Page size of a listBucket request.", javaType = "Integer")
    public static final String MAX_KEYS = "CamelS3LegacyMaxKeys";
    @Metadata(label = "producer", description = "Listing delimiter for listBucket, e.g. /.", javaType = "String")
    public static final String DELIMITER = "CamelS3LegacyDelimiter";
    @Metadata(label = "producer", description = "Whether the listing was truncated (more pages follow).", javaType = "Boolean")
    public static final String IS_TRUNCATED = "CamelS3LegacyIsTruncated";
    @Metadata(label = "producer", description = "Marker of the next page, set whenever a listing is truncated: the server's, else the last key.",
              javaType = "String")
    public static final String NEXT_MARKER = "CamelS3LegacyNextMarker";
    @Metadata(label = "producer", description = "Common prefixes of a delimited listing.", javaType = "java.util.List<String>")
    public static final String COMMON_PREFIXES = "CamelS3LegacyCommonPrefixes";
    @Metadata(label = "producer", description = "The pre-signed URL, when presign=true.", javaType = "String")
    public static final String PRESIGNED_URL = "CamelS3LegacyPresignedUrl";
    @Metadata(label = "producer", description = "Seconds a pre-signed URL stays valid; overrides expiresIn.", javaType = "Long")
    public static final String EXPIRES_IN = "CamelS3LegacyExpiresIn";
    @Metadata(label = "producer", description = "HTTP status of the response (also on failure with throwExceptionOnFailure=false, and 304).",
              javaType = "Integer")
    public static final String STATUS_CODE = "CamelS3LegacyStatusCode";
    @Metadata(label = "producer", description = "S3 error code of a failed request (throwExceptionOnFailure=false).", javaType = "String")
    public static final String ERROR_CODE = "CamelS3LegacyErrorCode";
    @Metadata(label = "producer", description = "S3 request id of the response.", javaType = "String")
    public static final String REQUEST_ID = "CamelS3LegacyRequestId";
    @Metadata(label = "producer", description = "Whether the object exists (head): false on 404 instead of an error.", javaType = "Boolean")
    public static final String EXISTS = "CamelS3LegacyExists";
    @Metadata(label = "producer", description = "Target bucket of copy; defaults to the source bucket.", javaType = "String")
    public static final String DESTINATION_BUCKET = "CamelS3LegacyDestinationBucket";
    @Metadata(label = "producer", description = "Target key of copy.", javaType = "String")
    public static final String DESTINATION_KEY = "CamelS3LegacyDestinationKey";
    @Metadata(label = "producer", description = "Byte range for get, e.g. bytes=0-1023.", javaType = "String")
    public static final String RANGE = "CamelS3LegacyRange";
    @Metadata(label = "producer", description = "Conditional get: only if the ETag differs (a 304 is a result, not an error).",
              javaType = "String")
    public static final String IF_NONE_MATCH = "CamelS3LegacyIfNoneMatch";
    @Metadata(label = "producer", description = "Conditional get: only if modified since (a 304 is a result, not an error).",
              javaType = "java.time.Instant")
    public static final String IF_MODIFIED_SINCE = "CamelS3LegacyIfModifiedSince";
    @Metadata(label = "producer", description = "Keys for deleteObjects.", javaType = "java.util.List<String>")
    public static final String KEYS_TO_DELETE = "CamelS3LegacyKeysToDelete";

    @Metadata(description = "Server-side encryption: AES256 (SSE-S3) or aws:kms (SSE-KMS). In: put, multipart upload and copy"
            + " (overrides serverSideEncryption); out: get and head, from x-amz-server-side-encryption.", javaType = "String")
    public static final String SERVER_SIDE_ENCRYPTION = "CamelS3LegacyServerSideEncryption";
    @Metadata(description = "Storage class, e.g. STANDARD_IA. In: put, multipart upload and copy (overrides storageClass);"
            + " out: get and head (x-amz-storage-class, which S3 leaves out for STANDARD) and the consumer (from the listing).",
              javaType = "String")
    public static final String STORAGE_CLASS = "CamelS3LegacyStorageClass";
    @Metadata(description = "Content-Disposition of the object. In: put, multipart upload, copy that replaces the metadata; out: get and head.",
              javaType = "String")
    public static final String CONTENT_DISPOSITION = "CamelS3LegacyContentDisposition";
    @Metadata(description = "Content-Encoding of the object, e.g. gzip. In: put, multipart upload, copy that replaces the metadata;"
            + " out: get and head.", javaType = "String")
    public static final String CONTENT_ENCODING = "CamelS3LegacyContentEncoding";
    @Metadata(description = "Cache-Control of the object. In: put, multipart upload, copy that replaces the metadata; out: get and head.",
              javaType = "String")
    public static final String CACHE_CONTROL = "CamelS3LegacyCacheControl";
    @Metadata(description = "Output only: the object's version id (x-amz-version-id) on a versioned bucket, from get, head and put,"
            + " and on the consumer's exchanges.", javaType = "String")
    public static final String VERSION_ID = "CamelS3LegacyVersionId";
    @Metadata(description = "Output only: how the object's transfer went, its final snapshot (bytes, total, time taken, average rate,"
            + " COMPLETED or FAILED), set by put, get and the consumer's fetch while progressInterval is above 0.",
              javaType = "dev.s3legacy.client.TransferProgress")
    public static final String TRANSFER_PROGRESS = "CamelS3LegacyTransferProgress";

    private S3LegacyConstants() {
    }
}
