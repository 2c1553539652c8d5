package dev.s3legacy;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.SpooledBody;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteError;
import dev.s3legacy.client.model.DeleteResult;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/** How the operations' results (and the failures that are results) go onto the message. */
final class OperationResults {

    private OperationResults() {
    }

    /** get: the object's data as the body (none for a 304), its headers as the consumer sets them. */
    static void object(Exchange exchange, S3Response response) {
        Message message = exchange.getMessage();
        responseHeaders(message, response);
        // The data may sit in a temporary file: delete it when the exchange is done, however it ends.
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                response.close();
            }
        });
        objectHeaders(message, response);
        message.setBody(response.statusCode() == 304 ? null : body(exchange, response));
    }

    /**
     * The object's data as a message body: spooled, an {@link S3LegacyBody} (re-readable; a spool file is
     * offered to Camel's file producer to move into place when it asks for the file, see {@link FileHandOff}); with spoolDownloads=false
     * the network stream itself, a plain InputStream that Camel knows it can read only once.
     */
    static Object body(Exchange exchange, S3Response response) {
        SpooledBody body = response.body();
        if (body.isStreaming()) {
            try {
                return body.openStream();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return body.isSpooled() ? new S3LegacyBody(body, () -> FileHandOff.offer(exchange, body.file())) : new S3LegacyBody(body);
    }

    /** head: the object's headers, no body. */
    static void exists(Exchange exchange, S3Response response) {
        Message message = exchange.getMessage();
        responseHeaders(message, response);
        objectHeaders(message, response);
        message.setHeader(S3LegacyConstants.EXISTS, Boolean.TRUE);
        message.setBody(null);
    }

    /** head: a 404 says the object does not exist, it is no error. */
    static boolean notFound(Exchange exchange, S3LegacyException failure) {
        if (failure.getStatusCode() != 404) {
            return false;
        }
        Message message = exchange.getMessage();
        message.setHeader(S3LegacyConstants.EXISTS, Boolean.FALSE);
        message.setHeader(S3LegacyConstants.STATUS_CODE, 404);
        message.setBody(null);
        return true;
    }

    /** Operations that answer nothing but their status; the body is left as it was. */
    static void status(Exchange exchange, S3Response response) {
        responseHeaders(exchange.getMessage(), response);
        response.close();
    }

    /** Documents (ACL, logging) and the bucket location, as a String body. */
    static void text(Exchange exchange, String text) {
        exchange.getMessage().setBody(text);
    }

    static void listing(Exchange exchange, ListBucketResponse list) {
        Message message = exchange.getMessage();
        message.setBody(list.getEntries());
        message.setHeader(S3LegacyConstants.IS_TRUNCATED, list.isTruncated());
        message.setHeader(S3LegacyConstants.NEXT_MARKER, list.isTruncated() ? list.getNextMarker() : null);
        message.setHeader(S3LegacyConstants.COMMON_PREFIXES, list.getCommonPrefixes());
    }

    static void buckets(Exchange exchange, ListAllMyBucketsResponse buckets) {
        exchange.getMessage().setBody(buckets.getBuckets());
    }

    static void copied(Exchange exchange, CopyObjectResult copy) {
        exchange.getMessage().setHeader(S3LegacyConstants.E_TAG, copy.getETag());
        exchange.getMessage().setHeader(S3LegacyConstants.LAST_MODIFIED, copy.getLastModified());
    }

    /** put: the stored object's ETag; the body stays as it was sent. */
    static void eTag(Exchange exchange, String eTag) {
        exchange.getMessage().setHeader(S3LegacyConstants.E_TAG, eTag);
    }

    /** deleteObjects: the keys that could not be deleted (empty when all went). */
    static void failedKeys(Exchange exchange, DeleteResult result) {
        exchange.getMessage().setBody(result.getErrors().stream().map(DeleteError::getKey).toList());
    }

    /**
     * Every operation's result names the bucket it addressed (listAllMyBuckets addresses none and leaves the
     * header as it was): CamelS3LegacyBucketName is output only.
     */
    static void addressed(Exchange exchange, String bucket) {
        if (bucket != null) {
            exchange.getMessage().setHeader(S3LegacyConstants.BUCKET_NAME, bucket);
        }
    }

    /** put: what the store says it did with the object (its version, its encryption). */
    static void written(Message message, S3Response response) {
        message.setHeader(S3LegacyConstants.VERSION_ID, response.header("x-amz-version-id"));
        message.setHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION, response.header("x-amz-server-side-encryption"));
    }

    static void responseHeaders(Message message, S3Response response) {
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
        message.setHeader(S3LegacyConstants.SERVER_SIDE_ENCRYPTION, response.header("x-amz-server-side-encryption"));
        message.setHeader(S3LegacyConstants.STORAGE_CLASS, response.header("x-amz-storage-class"));
        message.setHeader(S3LegacyConstants.CONTENT_DISPOSITION, response.header("Content-Disposition"));
        message.setHeader(S3LegacyConstants.CONTENT_ENCODING, response.header("Content-Encoding"));
        message.setHeader(S3LegacyConstants.CACHE_CONTROL, response.header("Cache-Control"));
        message.setHeader(S3LegacyConstants.VERSION_ID, response.header("x-amz-version-id"));
        if (response.contentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        }
    }
}
