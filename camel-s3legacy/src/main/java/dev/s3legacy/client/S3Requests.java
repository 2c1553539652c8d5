package dev.s3legacy.client;

import java.util.List;
import java.util.Map;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteResult;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.PartETag;
import dev.s3legacy.client.xml.S3Xml;

/**
 * Builds the request of each classic operation. {@link S3Connection} sends them and
 * {@link QueryStringAuthGenerator} pre-signs them, so both offer the same calls from one definition.
 */
public final class S3Requests {

    private S3Requests() {
    }

    public static S3Request<S3Response> get(String bucket, String key) {
        return S3Request.of(S3Operation.GET, bucket, key);
    }

    public static S3Request<S3Response> head(String bucket, String key) {
        return S3Request.of(S3Operation.HEAD, bucket, key);
    }

    public static S3Request<String> getAcl(String bucket, String key) {
        return S3Request.of(S3Operation.GET_ACL, bucket, key);
    }

    /**
     * @param metadata user metadata (sent as {@code x-amz-meta-*}); a value may be an Iterable of several values
     */
    public static S3Request<S3Response> put(String bucket, String key, RequestBody body, String contentType,
                                           Map<String, ?> metadata) {
        return S3Request.of(S3Operation.PUT, bucket, key).body(body).headerIfSet("Content-Type", contentType)
                .metadata(metadata);
    }

    public static S3Request<S3Response> putAcl(String bucket, String key, String aclXml) {
        return S3Request.of(S3Operation.PUT_ACL, bucket, key).body(RequestBody.ofString(aclXml))
                .header("Content-Type", "application/xml");
    }

    public static S3Request<S3Response> delete(String bucket, String key) {
        return S3Request.of(S3Operation.DELETE, bucket, key);
    }

    /** @param location the location constraint (e.g. {@code EU}, {@code eu-west-1}), or null for the default region */
    public static S3Request<S3Response> createBucket(String bucket, String location) {
        S3Request<S3Response> r = S3Request.of(S3Operation.CREATE_BUCKET, bucket);
        if (location != null && !location.isEmpty()) {
            r.body(RequestBody.ofBytes(S3Xml.createBucketConfiguration(location))).header("Content-Type", "application/xml");
        }
        return r;
    }

    public static S3Request<ListBucketResponse> listBucket(String bucket, String prefix, String marker, Integer maxKeys,
                                                           String delimiter) {
        if (maxKeys != null && maxKeys < 0) {
            throw new IllegalArgumentException("maxKeys must be 0 or more, was " + maxKeys);
        }
        return S3Request.of(S3Operation.LIST_BUCKET, bucket).queryIfSet("prefix", prefix).queryIfSet("marker", marker)
                .queryIfSet("max-keys", maxKeys).queryIfSet("delimiter", delimiter);
    }

    public static S3Request<String> getBucketLocation(String bucket) {
        return S3Request.of(S3Operation.GET_BUCKET_LOCATION, bucket);
    }

    public static S3Request<String> getBucketAcl(String bucket) {
        return S3Request.of(S3Operation.GET_BUCKET_ACL, bucket);
    }

    public static S3Request<S3Response> putBucketAcl(String bucket, String aclXml) {
        return S3Request.of(S3Operation.PUT_BUCKET_ACL, bucket).body(RequestBody.ofString(aclXml))
                .header("Content-Type", "application/xml");
    }

    public static S3Request<S3Response> deleteBucket(String bucket) {
        return S3Request.of(S3Operation.DELETE_BUCKET, bucket);
    }

    public static S3Request<String> getBucketLogging(String bucket) {
        return S3Request.of(S3Operation.GET_BUCKET_LOGGING, bucket);
    }

    public static S3Request<S3Response> putBucketLogging(String bucket, String loggingXml) {
        return S3Request.of(S3Operation.PUT_BUCKET_LOGGING, bucket).body(RequestBody.ofString(loggingXml))
                .header("Content-Type", "application/xml");
    }

    public static S3Request<ListAllMyBucketsResponse> listAllMyBuckets() {
        return S3Request.of(S3Operation.LIST_ALL_MY_BUCKETS, null);
    }

    /**
     * Server-side copy.
     *
     * @param metadata null to keep the source's metadata, else the metadata that replaces it
     */
    public static S3Request<CopyObjectResult> copy(String sourceBucket, String sourceKey, String bucket, String key,
                                                  Map<String, ?> metadata) {
        S3Request<CopyObjectResult> r = S3Request.of(S3Operation.COPY, bucket, key)
                .header("x-amz-copy-source", copySource(sourceBucket, sourceKey));
        if (metadata != null) {
            r.header("x-amz-metadata-directive", "REPLACE").metadata(metadata);
        }
        return r;
    }

    /** The {@code x-amz-copy-source} value: {@code /bucket/key}, the key URI-encoded. */
    private static String copySource(String sourceBucket, String sourceKey) {
        S3Names.requireValidBucket(sourceBucket);
        S3Names.requireValidKey(sourceKey);
        return "/" + sourceBucket + "/" + dev.s3legacy.client.signing.SignerV4.uriEncode(sourceKey, false);
    }

    /**
     * UploadPartCopy: part {@code partNumber} of upload {@code uploadId} is bytes {@code first} to {@code last}
     * (inclusive) of the source object; {@code first} and {@code last} both -1 copy the whole source.
     */
    public static S3Request<CopyObjectResult> uploadPartCopy(String sourceBucket, String sourceKey, String bucket, String key,
                                                            String uploadId, int partNumber, long first, long last) {
        S3Request<CopyObjectResult> r = S3Request.of(S3Operation.UPLOAD_PART_COPY, bucket, key)
                .query("partNumber", Integer.toString(partNumber)).query("uploadId", uploadId)
                .header("x-amz-copy-source", copySource(sourceBucket, sourceKey));
        if (first >= 0) {
            if (last < first) {
                throw new IllegalArgumentException("A copied range must end at or after its start, was " + first + "-" + last);
            }
            r.header("x-amz-copy-source-range", "bytes=" + first + "-" + last);
        }
        return r;
    }

    /** Checks keys to delete, naming the first bad one; returns them. */
    static List<String> requireKeys(List<String> keys) {
        if (keys == null) {
            throw new IllegalArgumentException("The keys to delete must be given (a list, not null)");
        }
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) == null) {
                // never the key "null": a caller's hole in the list must not delete an object of that name
                throw new IllegalArgumentException("The keys to delete hold null at index " + i);
            }
            S3Names.requireValidKey(keys.get(i));
        }
        return keys;
    }

    /** One multi-object delete of at most {@value S3Limits#MAX_KEYS_PER_DELETE} keys (see {@link S3Connection#deleteObjects}). */
    public static S3Request<DeleteResult> deleteObjects(String bucket, List<String> keys) {
        if (keys == null || keys.isEmpty() || keys.size() > S3Limits.MAX_KEYS_PER_DELETE) {
            throw new IllegalArgumentException("A multi-object delete takes 1 to " + S3Limits.MAX_KEYS_PER_DELETE + " keys, got "
                    + (keys == null ? "null" : keys.size()));
        }
        requireKeys(keys);
        return S3Request.of(S3Operation.DELETE_OBJECTS, bucket).body(RequestBody.ofBytes(S3Xml.deleteRequest(keys, true)))
                .header("Content-Type", "application/xml");
    }

    public static S3Request<InitiateMultipartUploadResult> initiateMultipartUpload(String bucket, String key,
                                                                                  String contentType, Map<String, ?> metadata) {
        return S3Request.of(S3Operation.INITIATE_MULTIPART_UPLOAD, bucket, key).headerIfSet("Content-Type", contentType)
                .metadata(metadata);
    }

    public static S3Request<S3Response> uploadPart(String bucket, String key, String uploadId, int partNumber, RequestBody body) {
        return S3Request.of(S3Operation.UPLOAD_PART, bucket, key).query("partNumber", Integer.toString(partNumber))
                .query("uploadId", uploadId).body(body);
    }

    public static S3Request<CompleteMultipartUploadResult> completeMultipartUpload(String bucket, String key, String uploadId,
                                                                                  List<PartETag> parts) {
        return S3Request.of(S3Operation.COMPLETE_MULTIPART_UPLOAD, bucket, key).query("uploadId", uploadId)
                .body(RequestBody.ofBytes(S3Xml.completeMultipartUpload(parts))).header("Content-Type", "application/xml");
    }

    public static S3Request<S3Response> abortMultipartUpload(String bucket, String key, String uploadId) {
        return S3Request.of(S3Operation.ABORT_MULTIPART_UPLOAD, bucket, key).query("uploadId", uploadId);
    }

    public static S3Request<String> listMultipartUploads(String bucket) {
        return S3Request.of(S3Operation.LIST_MULTIPART_UPLOADS, bucket);
    }
}
