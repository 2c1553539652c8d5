package dev.s3legacy;

import java.net.URLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.s3legacy.client.Headers;
import dev.s3legacy.client.MultipartUploader;
import dev.s3legacy.client.QueryStringAuthGenerator;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Request;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteError;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Performs one operation per exchange. Requests go out through the HTTP client's asynchronous API and
 * the exchange continues from its completion, so no route thread waits on the network.
 */
public class S3LegacyProducer extends DefaultAsyncProducer {

    /** HTTP's IMF-fixdate: a two-digit day (RFC_1123_DATE_TIME would print "1 Mar", which HTTP does not allow). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    public S3LegacyProducer(S3LegacyEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public S3LegacyEndpoint getEndpoint() {
        return (S3LegacyEndpoint) super.getEndpoint();
    }

    private S3LegacyConfiguration config() {
        return getEndpoint().getConfiguration();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> outcome;
        try {
            S3LegacyOperations operation = operation(exchange);
            if (config().isPresign()) {
                presign(exchange, operation);
                callback.done(true);
                return true;
            }
            outcome = perform(exchange, operation);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        outcome.whenComplete((ignored, error) -> {
            try {
                if (error != null) {
                    onFailure(exchange, unwrap(error));
                }
            } catch (Throwable t) {
                exchange.setException(t);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    // ------------------------------------------------------------------ resolving what to do

    private S3LegacyOperations operation(Exchange exchange) {
        Object header = exchange.getMessage().getHeader(S3LegacyConstants.OPERATION);
        if (header == null) {
            return config().getOperation();
        }
        if (header instanceof S3LegacyOperations op) {
            return op;
        }
        try {
            return S3LegacyOperations.valueOf(header.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown operation '" + header + "' in header " + S3LegacyConstants.OPERATION
                    + "; expected one of " + List.of(S3LegacyOperations.values()));
        }
    }


    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    private static String headerOr(Exchange exchange, String name, String fallback) {
        String v = header(exchange, name);
        return v != null ? v : fallback;
    }

    private String bucket(Exchange exchange) {
        return headerOr(exchange, S3LegacyConstants.BUCKET_NAME, config().getBucketName());
    }

    private String key(Exchange exchange) {
        String key = headerOr(exchange, S3LegacyConstants.KEY, config().getKeyName());
        if (key == null) {
            key = header(exchange, Exchange.FILE_NAME);
        }
        if (key == null) {
            throw new IllegalArgumentException("No object key: set header " + S3LegacyConstants.KEY
                    + ", option keyName, or header " + Exchange.FILE_NAME);
        }
        return key;
    }

    /** Content type from our header, else Camel's Content-Type, else (when guessing) from the key's extension. */
    private static String contentType(Exchange exchange, String key, boolean guess) {
        String type = headerOr(exchange, S3LegacyConstants.CONTENT_TYPE, header(exchange, Exchange.CONTENT_TYPE));
        return type == null && guess ? URLConnection.guessContentTypeFromName(key) : type;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> metadata(Exchange exchange) {
        Object v = exchange.getMessage().getHeader(S3LegacyConstants.METADATA);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, value) -> copy.put(String.valueOf(k), value));
            return copy;
        }
        throw new IllegalArgumentException("Header " + S3LegacyConstants.METADATA + " must be a Map, was " + v.getClass().getName());
    }

    /**
     * The request of an operation, built from the message and the endpoint's options. {@code body} is
     * the upload for put, or null when pre-signing.
     */
    private S3Request<?> request(Exchange exchange, S3LegacyOperations operation, RequestBody body) {
        String bucket = bucket(exchange);
        String acl = headerOr(exchange, S3LegacyConstants.CANNED_ACL, config().getCannedAcl());
        return switch (operation) {
            case get -> conditional(exchange, S3Requests.get(bucket, key(exchange)));
            case head -> S3Requests.head(bucket, key(exchange));
            case getAcl -> S3Requests.getAcl(bucket, key(exchange));
            case put -> {
                String key = key(exchange);
                yield S3Requests.put(bucket, key, body, contentType(exchange, key, body != null), metadata(exchange))
                        .headerIfSet("x-amz-acl", acl);
            }
            case putAcl -> S3Requests.putAcl(bucket, key(exchange), bodyText(exchange));
            case delete -> S3Requests.delete(bucket, key(exchange));
            case createBucket -> S3Requests.createBucket(bucket,
                    headerOr(exchange, S3LegacyConstants.LOCATION, config().getLocation())).headerIfSet("x-amz-acl", acl);
            case listBucket -> S3Requests.listBucket(bucket,
                    headerOr(exchange, S3LegacyConstants.PREFIX, config().getPrefix()),
                    headerOr(exchange, S3LegacyConstants.MARKER, config().getMarker()),
                    exchange.getMessage().getHeader(S3LegacyConstants.MAX_KEYS, config().getMaxKeys(), Integer.class),
                    headerOr(exchange, S3LegacyConstants.DELIMITER, config().getDelimiter()));
            case getBucketLocation -> S3Requests.getBucketLocation(bucket);
            case getBucketAcl -> S3Requests.getBucketAcl(bucket);
            case putBucketAcl -> S3Requests.putBucketAcl(bucket, bodyText(exchange));
            case deleteBucket -> S3Requests.deleteBucket(bucket);
            case getBucketLogging -> S3Requests.getBucketLogging(bucket);
            case putBucketLogging -> S3Requests.putBucketLogging(bucket, bodyText(exchange));
            case listAllMyBuckets -> S3Requests.listAllMyBuckets();
            case copy -> {
                String destinationKey = required(exchange, S3LegacyConstants.DESTINATION_KEY, "copy");
                Map<String, ?> metadata = metadata(exchange);
                S3Request<?> copy = S3Requests.copy(bucket, key(exchange),
                        headerOr(exchange, S3LegacyConstants.DESTINATION_BUCKET,
                                config().getDestinationBucket() != null ? config().getDestinationBucket() : bucket),
                        destinationKey, metadata);
                // Replacing the metadata replaces the content type too (S3 would fall back to binary/octet-stream):
                // give the copy one, chosen as put chooses it.
                yield metadata == null ? copy : copy.headerIfSet("Content-Type", contentType(exchange, destinationKey, true));
            }
            case deleteObjects -> S3Requests.deleteObjects(bucket, keysToDelete(exchange));
        };
    }

    /** XML documents (ACL, logging) come from the body; a pre-signed URL carries none. */
    private static String bodyText(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        return text == null ? "" : text;
    }

    private static String required(Exchange exchange, String header, String operation) {
        String v = header(exchange, header);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("Operation " + operation + " needs header " + header);
        }
        return v;
    }

    private static S3Request<S3Response> conditional(Exchange exchange, S3Request<S3Response> get) {
        Message m = exchange.getMessage();
        get.headerIfSet("Range", m.getHeader(S3LegacyConstants.RANGE, String.class));
        get.headerIfSet("If-None-Match", quotedETag(m.getHeader(S3LegacyConstants.IF_NONE_MATCH, String.class)));
        Instant since = m.getHeader(S3LegacyConstants.IF_MODIFIED_SINCE, Instant.class);
        if (since != null) {
            get.header("If-Modified-Since", HTTP_DATE.format(since));
        }
        return get;
    }

    /**
     * An entity tag as HTTP wants it: the ETag header we set has S3's quotes removed, so a value passed
     * back as it came is quoted again; quoted, weak ({@code W/"..."}) and {@code *} values go as given.
     */
    private static String quotedETag(String etag) {
        if (etag == null) {
            return null;
        }
        String t = etag.trim();
        return t.startsWith("\"") || t.startsWith("W/") || t.equals("*") || t.contains(",") ? t : "\"" + t + "\"";
    }

    @SuppressWarnings("unchecked")
    private static List<String> keysToDelete(Exchange exchange) {
        Object keys = exchange.getMessage().getHeader(S3LegacyConstants.KEYS_TO_DELETE);
        if (keys == null && exchange.getMessage().getBody() instanceof List<?> body) {
            keys = body;
        }
        if (!(keys instanceof List<?> list)) {
            throw new IllegalArgumentException("Operation deleteObjects needs a List<String> of keys in header "
                    + S3LegacyConstants.KEYS_TO_DELETE);
        }
        return list.stream().map(String::valueOf).toList();
    }

    // ------------------------------------------------------------------ doing it

    private void presign(Exchange exchange, S3LegacyOperations operation) {
        long seconds = exchange.getMessage().getHeader(S3LegacyConstants.EXPIRES_IN, config().getExpiresIn(), Long.class);
        QueryStringAuthGenerator generator = getEndpoint().getGenerator().withExpiresIn(Duration.ofSeconds(seconds));
        String url = generator.presign(request(exchange, operation, null));
        exchange.getMessage().setHeader(S3LegacyConstants.PRESIGNED_URL, url);
        exchange.getMessage().setBody(url);
    }

    private CompletableFuture<?> perform(Exchange exchange, S3LegacyOperations operation) throws Exception {
        S3Connection s3 = getEndpoint().getConnection();
        Message message = exchange.getMessage();
        switch (operation) {
            case put -> {
                UploadBodies.Upload upload = UploadBodies.of(exchange, s3.config().spoolThreshold(), s3.config().spoolDirectory());
                CompletableFuture<String> sent;
                try {
                    sent = upload(exchange, s3, upload.body());
                } catch (RuntimeException e) {
                    upload.close();
                    throw e;
                }
                return sent.whenComplete((etag, e) -> upload.close())
                        .thenAccept(etag -> message.setHeader(S3LegacyConstants.E_TAG, etag));
            }
            case deleteObjects -> {
                return s3.deleteObjectsAsync(bucket(exchange), keysToDelete(exchange)).thenAccept(result -> {
                    message.setBody(result.getErrors().stream().map(DeleteError::getKey).toList());
                });
            }
            default -> {
                return s3.executeAsync(request(exchange, operation, null)).thenAccept(result -> onResult(exchange, operation, result));
            }
        }
    }

    /**
     * One PUT, or a multipart upload for a body above multipartThreshold or of unknown length; completes
     * with the object's ETag.
     */
    private CompletableFuture<String> upload(Exchange exchange, S3Connection s3, RequestBody body) {
        long length = body.contentLength();
        S3LegacyConfiguration c = config();
        if (length >= 0 && length <= c.getMultipartThreshold()) {
            return s3.executeAsync(castResponse(request(exchange, S3LegacyOperations.put, body))).thenApply(r -> {
                responseHeaders(exchange.getMessage(), r);
                return r.eTag();
            });
        }
        String key = key(exchange);
        Headers extra = new Headers();
        String acl = headerOr(exchange, S3LegacyConstants.CANNED_ACL, c.getCannedAcl());
        if (acl != null) {
            extra.add("x-amz-acl", acl);
        }
        MultipartUploader uploader = new MultipartUploader(s3, c.getPartSize(), c.getMultipartConcurrency());
        return uploader.uploadAsync(bucket(exchange), key, body, contentType(exchange, key, true), metadata(exchange), extra)
                .thenApply(CompleteMultipartUploadResult::getETag);
    }

    @SuppressWarnings("unchecked")
    private static S3Request<S3Response> castResponse(S3Request<?> request) {
        return (S3Request<S3Response>) request;
    }

    private void onResult(Exchange exchange, S3LegacyOperations operation, Object result) {
        Message message = exchange.getMessage();
        if (result instanceof S3Response response) {
            responseHeaders(message, response);
            switch (operation) {
                case get -> getResult(exchange, response);
                case head -> {
                    objectHeaders(message, response);
                    message.setHeader(S3LegacyConstants.EXISTS, Boolean.TRUE);
                    message.setBody(null);
                }
                default -> response.close();
            }
        } else if (result instanceof ListBucketResponse list) {
            message.setBody(list.getEntries());
            message.setHeader(S3LegacyConstants.IS_TRUNCATED, list.isTruncated());
            message.setHeader(S3LegacyConstants.NEXT_MARKER, list.isTruncated() ? list.getNextMarker() : null);
            message.setHeader(S3LegacyConstants.COMMON_PREFIXES, list.getCommonPrefixes());
        } else if (result instanceof ListAllMyBucketsResponse buckets) {
            message.setBody(buckets.getBuckets());
        } else if (result instanceof CopyObjectResult copy) {
            message.setHeader(S3LegacyConstants.E_TAG, copy.getETag());
            message.setHeader(S3LegacyConstants.LAST_MODIFIED, copy.getLastModified());
        } else if (result instanceof String text) {
            message.setBody(text);
        }
    }

    private static void getResult(Exchange exchange, S3Response response) {
        Message message = exchange.getMessage();
        // The data may sit in a temporary file: delete it when the exchange is done, however it ends.
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                response.close();
            }
        });
        objectHeaders(message, response);
        message.setBody(response.statusCode() == 304 ? null : new S3LegacyBody(response.body()));
    }

    private static void responseHeaders(Message message, S3Response response) {
        message.setHeader(S3LegacyConstants.STATUS_CODE, response.statusCode());
        message.setHeader(S3LegacyConstants.REQUEST_ID, response.requestId());
    }

    /** The object's headers, as the consumer sets them too. */
    static void objectHeaders(Message message, S3Response response) {
        message.setHeader(S3LegacyConstants.E_TAG, response.eTag());
        message.setHeader(S3LegacyConstants.CONTENT_TYPE, response.contentType());
        long length = response.contentLength();
        message.setHeader(S3LegacyConstants.CONTENT_LENGTH, length >= 0 ? length : null);
        message.setHeader(S3LegacyConstants.LAST_MODIFIED, response.lastModified());
        Map<String, String> metadata = new LinkedHashMap<>();
        response.metadata().forEach((name, values) -> metadata.put(name, String.join(",", values)));
        message.setHeader(S3LegacyConstants.METADATA, metadata);
        if (response.contentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        }
    }

    private void onFailure(Exchange exchange, Throwable error) {
        Message message = exchange.getMessage();
        if (error instanceof S3LegacyException s3) {
            if (operation(exchange) == S3LegacyOperations.head && s3.getStatusCode() == 404) {
                message.setHeader(S3LegacyConstants.EXISTS, Boolean.FALSE);
                message.setHeader(S3LegacyConstants.STATUS_CODE, 404);
                message.setBody(null);
                return;
            }
            if (!config().isThrowExceptionOnFailure()) {
                message.setHeader(S3LegacyConstants.STATUS_CODE, s3.getStatusCode());
                message.setHeader(S3LegacyConstants.ERROR_CODE, s3.getErrorCode());
                message.setHeader(S3LegacyConstants.REQUEST_ID, s3.getRequestId());
                message.setBody(s3.getErrorDocument());
                return;
            }
        }
        exchange.setException(error);
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
