package dev.s3legacy.client.xml;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.s3legacy.client.credentials.Credentials;
import dev.s3legacy.client.model.Bucket;
import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteError;
import dev.s3legacy.client.model.DeleteResult;
import dev.s3legacy.client.model.ErrorDocument;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.PartETag;

/**
 * Reads and writes the XML documents of the S3 REST API.
 *
 * <p>Every parser reads the stream to its end, as UTF-8 (S3 sends nothing else), but does not
 * close it. A document that is
 * malformed, truncated, has another root element or holds a bad value fails with
 * {@link S3XmlException}; one whose root is {@code <Error>} fails with its subclass
 * {@link S3XmlErrorDocumentException}, which carries the error (S3 may send one with status 200).
 * Only {@link #parseError(byte[])} never fails. Writers return UTF-8 bytes.
 */
public final class S3Xml {

    private static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final int MAX_DELETE_KEYS = dev.s3legacy.client.S3Limits.MAX_KEYS_PER_DELETE;

    private S3Xml() {
    }

    /**
     * A ListObjects (V1) page. With {@code encoding-type=url} the keys, prefixes, markers and the
     * delimiter come back decoded.
     */
    public static ListBucketResponse parseListBucket(InputStream in) {
        return ListBucketReader.read(in);
    }

    public static ListAllMyBucketsResponse parseListAllMyBuckets(InputStream in) {
        Map<String, String> top = new HashMap<>();
        List<Bucket> buckets = new ArrayList<>();
        XmlWalker.walk(in, "ListAllMyBucketsResult", Repeated.fields(top, new Repeated("Buckets/Bucket",
                f -> buckets.add(new Bucket(Values.required("Bucket/Name", f.get("Name")),
                        Values.instant("Bucket/CreationDate", f.get("CreationDate")))))));
        return new ListAllMyBucketsResponse(Values.owner(top, "Owner/"), buckets);
    }

    /** The bucket's region as S3 names it; "" for US Standard (us-east-1), which S3 sends as an empty element. */
    public static String parseLocationConstraint(InputStream in) {
        return flat(in, "LocationConstraint").get("").trim();
    }

    public static DeleteResult parseDeleteResult(InputStream in) {
        List<String> deleted = new ArrayList<>();
        List<DeleteError> errors = new ArrayList<>();
        XmlWalker.walk(in, "DeleteResult", Repeated.fields(new HashMap<>(),
                new Repeated("Deleted", f -> deleted.add(Values.required("Deleted/Key", f.get("Key")))),
                new Repeated("Error", f -> errors.add(new DeleteError(f.get("Key"), f.get("Code"), f.get("Message"))))));
        return new DeleteResult(deleted, errors);
    }

    public static InitiateMultipartUploadResult parseInitiateMultipartUpload(InputStream in) {
        Map<String, String> f = flat(in, "InitiateMultipartUploadResult");
        return new InitiateMultipartUploadResult(f.get("Bucket"), f.get("Key"),
                Values.required("UploadId", f.get("UploadId")));
    }

    /**
     * The answer to CompleteMultipartUpload. S3 may pad it with leading whitespace while it works,
     * and report a failure as an {@code <Error>} with status 200: that raises
     * {@link S3XmlErrorDocumentException}.
     */
    public static CompleteMultipartUploadResult parseCompleteMultipartUpload(InputStream in) {
        Map<String, String> f = flat(in, "CompleteMultipartUploadResult");
        return new CompleteMultipartUploadResult(f.get("Location"), f.get("Bucket"), f.get("Key"),
                Values.eTag(f.get("ETag")));
    }

    /** The answer to a server-side copy; a 200 with an {@code <Error>} raises {@link S3XmlErrorDocumentException}. */
    public static CopyObjectResult parseCopyObjectResult(InputStream in) {
        Map<String, String> f = flat(in, "CopyObjectResult");
        return new CopyObjectResult(Values.eTag(f.get("ETag")),
                Values.instant("LastModified", f.get("LastModified")));
    }

    /**
     * The answer of an UploadPartCopy: the copied part's ETag and when it was made, in a {@code <CopyPartResult>}
     * (AWS) or a {@code <CopyObjectResult>} (s3proxy answers so) with the same fields. The caller bounds the body.
     */
    public static CopyObjectResult parseCopyPartResult(InputStream in) throws IOException {
        byte[] document = in.readAllBytes();
        Map<String, String> f;
        try {
            f = flat(new java.io.ByteArrayInputStream(document), "CopyPartResult");
        } catch (S3XmlErrorDocumentException e) {
            throw e;
        } catch (S3XmlException e) {
            if (!String.valueOf(e.getMessage()).contains("root element is <CopyObjectResult>")) {
                throw e;
            }
            f = flat(new java.io.ByteArrayInputStream(document), "CopyObjectResult");
        }
        return new CopyObjectResult(Values.eTag(f.get("ETag")),
                Values.instant("LastModified", f.get("LastModified")));
    }

    /**
     * An error body, read leniently: never throws. An HTML page, an empty, truncated or hostile
     * body gives the fields read before it went wrong, or an ErrorDocument with no fields. The
     * caller bounds the body's size.
     */
    /**
     * The temporary credentials of an STS {@code AssumeRoleWithWebIdentity} answer. Messages of a failure name
     * the field, never a value of the credentials.
     */
    public static Credentials parseAssumeRoleWithWebIdentity(InputStream in) {
        Map<String, String> fields = new HashMap<>();
        XmlWalker.walk(in, "AssumeRoleWithWebIdentityResponse", Repeated.fields(fields));
        String prefix = "AssumeRoleWithWebIdentityResult/Credentials/";
        return new Credentials(Values.required("AccessKeyId", fields.get(prefix + "AccessKeyId")),
                Values.required("SecretAccessKey", fields.get(prefix + "SecretAccessKey")),
                Values.required("SessionToken", fields.get(prefix + "SessionToken")),
                Values.instant("Expiration", Values.required("Expiration", fields.get(prefix + "Expiration"))));
    }

    /** {@code Code: Message} of an STS {@code <ErrorResponse>}, or null when the body is not one; never fails. */
    public static String parseStsError(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        try {
            XmlWalker.walk(new StringReader(new String(body, UTF_8)), "ErrorResponse", Repeated.fields(fields));
        } catch (RuntimeException unreadable) {
            return null;
        }
        String code = fields.get("Error/Code");
        return code == null ? null : code + (fields.get("Error/Message") == null ? "" : ": " + fields.get("Error/Message"));
    }

    public static ErrorDocument parseError(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body != null) {
            try {
                // decoded leniently: a bad byte becomes U+FFFD instead of losing the whole body
                XmlWalker.walk(new StringReader(new String(body, UTF_8)), "Error", Repeated.fields(fields));
            } catch (RuntimeException unreadable) {
                // keep whatever was read before the body went wrong
            }
        }
        return XmlWalker.errorDocument(fields);
    }

    /**
     * The body of a CreateBucket request for a region other than us-east-1 (which takes no body).
     *
     * @throws IllegalArgumentException if the location is empty or has a character XML cannot carry
     */
    public static byte[] createBucketConfiguration(String location) {
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("location must name a region (EU, eu-west-1, ...);"
                    + " a bucket in us-east-1 is created without a configuration");
        }
        StringBuilder xml = new StringBuilder("<CreateBucketConfiguration xmlns=\"" + S3_NAMESPACE
                + "\"><LocationConstraint>");
        XmlText.append(xml, "location", location);
        return utf8(xml.append("</LocationConstraint></CreateBucketConfiguration>"));
    }

    /**
     * The body of a multi-object delete. In quiet mode S3 reports only the keys it failed to delete.
     *
     * @throws IllegalArgumentException for no keys or more than 1000, or a key with a character XML cannot carry
     */
    public static byte[] deleteRequest(List<String> keys, boolean quiet) {
        if (keys.isEmpty() || keys.size() > MAX_DELETE_KEYS) {
            throw new IllegalArgumentException("a multi-object delete takes 1 to " + MAX_DELETE_KEYS
                    + " keys, got " + keys.size());
        }
        StringBuilder xml = new StringBuilder("<Delete><Quiet>").append(quiet).append("</Quiet>");
        for (String key : keys) {
            XmlText.append(xml.append("<Object><Key>"), "key", Objects.requireNonNull(key, "key"))
                    .append("</Key></Object>");
        }
        return utf8(xml.append("</Delete>"));
    }

    /**
     * The body of a CompleteMultipartUpload request, parts in the order given (S3 wants them
     * ascending). ETags are written quoted, whether or not they were given with quotes.
     *
     * @throws IllegalArgumentException for no parts, or an ETag with a character XML cannot carry
     */
    public static byte[] completeMultipartUpload(List<PartETag> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a multipart upload is completed with at least one part");
        }
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (PartETag part : parts) {
            xml.append("<Part><PartNumber>").append(part.getPartNumber()).append("</PartNumber><ETag>\"");
            XmlText.append(xml, "ETag", Values.eTag(part.getETag())).append("\"</ETag></Part>");
        }
        return utf8(xml.append("</CompleteMultipartUpload>"));
    }

    /** Documents with no repeated element: every path's text, the root's own under "". */
    private static Map<String, String> flat(InputStream in, String root) {
        Map<String, String> fields = new HashMap<>();
        XmlWalker.walk(in, root, Repeated.fields(fields));
        return fields;
    }

    private static byte[] utf8(StringBuilder xml) {
        return xml.toString().getBytes(UTF_8);
    }
}
