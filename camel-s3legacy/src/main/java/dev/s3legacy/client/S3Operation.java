package dev.s3legacy.client;

import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteResult;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.xml.S3Xml;

/**
 * One S3 operation described as data: HTTP method, what it addresses, its sub-resource, and how its
 * response becomes a result. The connection sends any of them the same way; the generator pre-signs
 * any of them the same way.
 */
public final class S3Operation<T> {

    /** What the request path names. */
    public enum Target { SERVICE, BUCKET, OBJECT }

    public static final S3Operation<S3Response> GET = object("get", "GET", null, ResponseParser.RESPONSE);
    public static final S3Operation<S3Response> HEAD = object("head", "HEAD", null, ResponseParser.RESPONSE);
    public static final S3Operation<String> GET_ACL = object("getAcl", "GET", "acl", ResponseParser.STRING);
    public static final S3Operation<S3Response> PUT = object("put", "PUT", null, ResponseParser.RESPONSE);
    public static final S3Operation<S3Response> PUT_ACL = object("putAcl", "PUT", "acl", ResponseParser.RESPONSE);
    public static final S3Operation<S3Response> DELETE = object("delete", "DELETE", null, ResponseParser.RESPONSE);
    public static final S3Operation<CopyObjectResult> COPY =
            object("copy", "PUT", null, ResponseParser.xml(S3Xml::parseCopyObjectResult));

    public static final S3Operation<S3Response> CREATE_BUCKET = bucket("createBucket", "PUT", null, ResponseParser.RESPONSE);
    /**
     * Sent with {@code encoding-type=url}: a key XML 1.0 cannot carry (U+0001, a raw CR) then arrives
     * encoded instead of making the whole page unreadable, and the reader decodes it (a store that ignores
     * the parameter answers plain keys, read as they are). Pre-signed URLs leave it out: their user reads
     * the answer with a parser of their own.
     */
    public static final S3Operation<ListBucketResponse> LIST_BUCKET = new S3Operation<>("listBucket", "GET", Target.BUCKET,
            null, ResponseParser.xml(S3Xml::parseListBucket), java.util.Map.of("encoding-type", "url"));
    public static final S3Operation<String> GET_BUCKET_LOCATION =
            bucket("getBucketLocation", "GET", "location", ResponseParser.xml(S3Xml::parseLocationConstraint));
    public static final S3Operation<String> GET_BUCKET_ACL = bucket("getBucketAcl", "GET", "acl", ResponseParser.STRING);
    public static final S3Operation<S3Response> PUT_BUCKET_ACL = bucket("putBucketAcl", "PUT", "acl", ResponseParser.RESPONSE);
    public static final S3Operation<S3Response> DELETE_BUCKET = bucket("deleteBucket", "DELETE", null, ResponseParser.RESPONSE);
    public static final S3Operation<String> GET_BUCKET_LOGGING = bucket("getBucketLogging", "GET", "logging", ResponseParser.STRING);
    public static final S3Operation<S3Response> PUT_BUCKET_LOGGING =
            bucket("putBucketLogging", "PUT", "logging", ResponseParser.RESPONSE);
    public static final S3Operation<DeleteResult> DELETE_OBJECTS =
            bucket("deleteObjects", "POST", "delete", ResponseParser.xml(S3Xml::parseDeleteResult));
    public static final S3Operation<String> LIST_MULTIPART_UPLOADS = bucket("listMultipartUploads", "GET", "uploads", ResponseParser.STRING);

    public static final S3Operation<InitiateMultipartUploadResult> INITIATE_MULTIPART_UPLOAD =
            object("initiateMultipartUpload", "POST", "uploads", ResponseParser.xml(S3Xml::parseInitiateMultipartUpload));
    public static final S3Operation<S3Response> UPLOAD_PART = object("uploadPart", "PUT", null, ResponseParser.RESPONSE);
    /** A part copied from another object's bytes; answered like a copy (ETag and LastModified in XML). */
    public static final S3Operation<CopyObjectResult> UPLOAD_PART_COPY =
            object("uploadPartCopy", "PUT", null, ResponseParser.xml(S3Xml::parseCopyPartResult));
    public static final S3Operation<CompleteMultipartUploadResult> COMPLETE_MULTIPART_UPLOAD =
            object("completeMultipartUpload", "POST", null, ResponseParser.xml(S3Xml::parseCompleteMultipartUpload));
    public static final S3Operation<S3Response> ABORT_MULTIPART_UPLOAD =
            object("abortMultipartUpload", "DELETE", null, ResponseParser.RESPONSE);

    public static final S3Operation<ListAllMyBucketsResponse> LIST_ALL_MY_BUCKETS = new S3Operation<>(
            "listAllMyBuckets", "GET", Target.SERVICE, null, ResponseParser.xml(S3Xml::parseListAllMyBuckets));

    private final String name;
    private final String method;
    private final Target target;
    private final String subResource;
    private final ResponseParser<T> parser;
    private final java.util.Map<String, String> sentQuery;

    private S3Operation(String name, String method, Target target, String subResource, ResponseParser<T> parser) {
        this(name, method, target, subResource, parser, java.util.Map.of());
    }

    private S3Operation(String name, String method, Target target, String subResource, ResponseParser<T> parser,
                        java.util.Map<String, String> sentQuery) {
        this.name = name;
        this.method = method;
        this.target = target;
        this.subResource = subResource;
        this.parser = parser;
        this.sentQuery = sentQuery;
    }

    private static <T> S3Operation<T> object(String name, String method, String subResource, ResponseParser<T> parser) {
        return new S3Operation<>(name, method, Target.OBJECT, subResource, parser);
    }

    private static <T> S3Operation<T> bucket(String name, String method, String subResource, ResponseParser<T> parser) {
        return new S3Operation<>(name, method, Target.BUCKET, subResource, parser);
    }

    public String name() {
        return name;
    }

    public String method() {
        return method;
    }

    public Target target() {
        return target;
    }

    /** The value-less sub-resource ({@code acl}, {@code location}, ...), or null. */
    public String subResource() {
        return subResource;
    }

    public ResponseParser<T> parser() {
        return parser;
    }

    /** Query parameters this client adds when it sends the request and reads the answer itself (not when pre-signing). */
    public java.util.Map<String, String> sentQuery() {
        return sentQuery;
    }

    /**
     * Whether sending it twice does no harm, so it may be retried. POST {@code ?delete} deletes the same
     * keys again; completing an upload twice with the same upload id and part list gives the same object
     * (a retry after a lost answer may see {@code NoSuchUpload}: the uploader checks the object then);
     * initiating a multipart upload twice would leave an upload behind.
     */
    public boolean isIdempotent() {
        return !method.equals("POST") || "delete".equals(subResource) || this == COMPLETE_MULTIPART_UPLOAD;
    }

    @Override
    public String toString() {
        return name;
    }
}
