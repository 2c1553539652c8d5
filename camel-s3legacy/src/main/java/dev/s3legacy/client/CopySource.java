package dev.s3legacy.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a copy must carry over from its source when S3 does not do it: a multipart copy (its initiate starts
 * an empty object) and a copy that replaces the metadata. Read with one HEAD: the source's length, ETag,
 * Content-Type, content headers and user metadata.
 */
public final class CopySource {

    /** Headers S3 stores with an object and serves back, which a new object does not inherit. */
    private static final List<String> CONTENT_HEADERS = List.of("Content-Type", "Content-Disposition", "Content-Encoding",
            "Content-Language", "Cache-Control", "Expires");

    private final String bucket;
    private final String key;
    private final long length;
    private final String eTag;
    private final Map<String, String> contentHeaders;
    private final Map<String, List<String>> metadata;

    private CopySource(String bucket, String key, S3Response head) {
        this.bucket = bucket;
        this.key = key;
        this.length = head.contentLength();
        this.eTag = head.eTag();
        this.contentHeaders = new LinkedHashMap<>();
        for (String name : CONTENT_HEADERS) {
            String value = head.header(name);
            if (value != null && !value.isEmpty()) {
                contentHeaders.put(name, value);
            }
        }
        this.metadata = head.metadata();
    }

    /**
     * HEADs the source (with the customer key of {@code options}, if any).
     *
     * @throws S3LegacyException as the HEAD failed (404 when the source is gone)
     */
    public static CopySource head(S3Connection connection, ObjectWriteOptions options, String bucket, String key) {
        try (S3Response head = connection.execute(options.applyToRead(S3Requests.head(bucket, key)))) {
            return of(bucket, key, head);
        }
    }

    static CopySource of(String bucket, String key, S3Response head) {
        if (head.contentLength() < 0) {
            throw new S3LegacyException("HEAD", head.statusCode(), "InvalidResponse", "the HEAD of the copy source gave no"
                    + " Content-Length", head.requestId(), "/" + bucket + "/" + key, null, null);
        }
        return new CopySource(bucket, key, head);
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public long length() {
        return length;
    }

    /** Unquoted; null when the store sent none. */
    public String eTag() {
        return eTag;
    }

    /** User metadata: lower-case names without {@code x-amz-meta-}, each value as the store sent it. */
    public Map<String, List<String>> metadata() {
        return metadata;
    }

    /**
     * Adds the source's content headers (those the request does not set already) and its user metadata, with
     * {@code addedMetadata} added or replacing values of the same name; for a multipart initiate or a copy
     * with {@code x-amz-metadata-directive: REPLACE}.
     */
    public <T> S3Request<T> applyTo(S3Request<T> request, Map<String, String> addedMetadata) {
        contentHeaders.forEach((name, value) -> {
            if (!request.headers().contains(name)) {
                request.header(name, value);
            }
        });
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        if (addedMetadata != null) {
            all.putAll(addedMetadata);
        }
        return request.metadata(all);
    }
}
