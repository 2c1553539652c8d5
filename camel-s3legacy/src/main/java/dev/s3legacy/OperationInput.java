package dev.s3legacy;

import java.net.URLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.s3legacy.client.ObjectWriteOptions;
import dev.s3legacy.client.RequestBody;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What an operation reads from the exchange: a header set on the message, else the endpoint option of the
 * same meaning. Bad input fails here, before any request is built.
 */
final class OperationInput {

    private final Exchange exchange;
    private final S3LegacyEndpoint endpoint;
    private final S3LegacyConfiguration config;
    private final RequestBody upload;

    S3LegacyEndpoint endpoint() {
        return endpoint;
    }

    OperationInput(Exchange exchange, S3LegacyEndpoint endpoint) {
        this(exchange, endpoint, null);
    }

    private OperationInput(Exchange exchange, S3LegacyEndpoint endpoint, RequestBody upload) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.upload = upload;
    }

    /** The same input with the data put uploads. */
    OperationInput withUpload(RequestBody body) {
        return new OperationInput(exchange, endpoint, body);
    }

    Exchange exchange() {
        return exchange;
    }

    Message message() {
        return exchange.getMessage();
    }

    S3LegacyConfiguration config() {
        return config;
    }

    /** The data put uploads; null when pre-signing, which sends none. */
    RequestBody upload() {
        return upload;
    }

    String header(String name) {
        return message().getHeader(name, String.class);
    }

    String headerOr(String name, String option) {
        String v = header(name);
        return v != null ? v : option;
    }

    /**
     * The bucket: the override header, else the URI's. Never CamelS3LegacyBucketName, which is output only: a
     * message consumed from one bucket must not steer a producer of another endpoint back to it.
     */
    String bucket() {
        return headerOr(S3LegacyConstants.OVERRIDE_BUCKET_NAME, config.getBucketName());
    }

    /** The key: its header, else keyName (evaluated for this message when it is an expression), else CamelFileName. */
    String key() {
        String key = header(S3LegacyConstants.KEY);
        if (key == null) {
            key = endpoint.keyName(exchange);
        }
        if (key == null) {
            key = header(Exchange.FILE_NAME);
        }
        if (key == null) {
            throw new IllegalArgumentException("No object key: set header " + S3LegacyConstants.KEY
                    + ", option keyName, or header " + Exchange.FILE_NAME);
        }
        return key;
    }

    /**
     * What the object is written with: the endpoint's encryption and storage class, each overridden by its
     * header, and the content headers of the message. Bad header values fail here, naming the header.
     */
    ObjectWriteOptions writeOptions() {
        ObjectWriteOptions base = endpoint.writeOptions();
        ObjectWriteOptions.Builder options = base.toBuilder();
        String sse = header(S3LegacyConstants.SERVER_SIDE_ENCRYPTION);
        // With customerKey the endpoint's SSE-C key encrypts everything it writes, and S3 takes one kind of
        // encryption per object: the header is ignored (a consumer sets it from every object it reads, AWS
        // encrypting all of them with AES256 by default, so refusing it would break every S3 -> S3 route).
        if (sse != null && !sse.isEmpty() && base.customerKey() == null) {
            ObjectWriteOptions.requireServerSideEncryption("Header " + S3LegacyConstants.SERVER_SIDE_ENCRYPTION, sse);
            // the endpoint's KMS key goes with aws:kms only
            options.serverSideEncryption(sse).kmsKeyId(ObjectWriteOptions.AWS_KMS.equals(sse) ? base.kmsKeyId() : null);
        }
        String storageClass = header(S3LegacyConstants.STORAGE_CLASS);
        if (storageClass != null && !storageClass.isEmpty()) {
            options.storageClass(ObjectWriteOptions.requireStorageClass("Header " + S3LegacyConstants.STORAGE_CLASS, storageClass));
        }
        return options.contentDisposition(header(S3LegacyConstants.CONTENT_DISPOSITION))
                .contentEncoding(header(S3LegacyConstants.CONTENT_ENCODING))
                .cacheControl(header(S3LegacyConstants.CACHE_CONTROL)).build();
    }

    /** What a request reading an object needs from the endpoint (an SSE-C key). */
    ObjectWriteOptions readOptions() {
        return endpoint.writeOptions();
    }

    String cannedAcl() {
        return headerOr(S3LegacyConstants.CANNED_ACL, config.getCannedAcl());
    }

    /** Content type from our header, else Camel's Content-Type, else (when guessing) from the key's extension. */
    String contentType(String key, boolean guess) {
        String type = headerOr(S3LegacyConstants.CONTENT_TYPE, header(Exchange.CONTENT_TYPE));
        return type == null && guess ? URLConnection.guessContentTypeFromName(key) : type;
    }

    /**
     * User metadata from its header, or null when none is set. A value may be an Iterable of several
     * values. A null name or value is refused: it would be sent as the text "null".
     */
    Map<String, ?> metadata() {
        Object v = message().getHeader(S3LegacyConstants.METADATA);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Header " + S3LegacyConstants.METADATA + " must be a Map, was " + v.getClass().getName());
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (name == null) {
                throw new IllegalArgumentException("Header " + S3LegacyConstants.METADATA + " has an entry with a null name");
            }
            if (value == null) {
                throw new IllegalArgumentException("Header " + S3LegacyConstants.METADATA + " has a null value for '" + name + "'");
            }
            if (value instanceof Iterable<?> values) {
                int position = 0;
                for (Object one : values) {
                    if (one == null) {
                        throw new IllegalArgumentException("Header " + S3LegacyConstants.METADATA + " has a null at position "
                                + position + " (from 0) of the values for '" + name + "'");
                    }
                    position++;
                }
            }
            copy.put(name.toString(), value);
        });
        return copy;
    }

    /**
     * The keys of deleteObjects: from their header, else a List body. A null key is refused: it would be
     * sent as the key "null".
     */
    List<String> keysToDelete() {
        Object keys = message().getHeader(S3LegacyConstants.KEYS_TO_DELETE);
        String source = "Header " + S3LegacyConstants.KEYS_TO_DELETE;
        if (keys == null && message().getBody() instanceof List<?> body) {
            keys = body;
            source = "The List body of deleteObjects (read when header " + S3LegacyConstants.KEYS_TO_DELETE + " is not set)";
        }
        if (!(keys instanceof List<?> list)) {
            throw new IllegalArgumentException("Operation deleteObjects needs a List<String> of keys in header "
                    + S3LegacyConstants.KEYS_TO_DELETE);
        }
        List<String> checked = new ArrayList<>(list.size());
        for (Object key : list) {
            if (key == null) {
                throw new IllegalArgumentException(source + " has a null key at position " + checked.size() + " (from 0)");
            }
            checked.add(key.toString());
        }
        return checked;
    }

    /** XML documents (ACL, logging) come from the body; a pre-signed URL carries none. */
    String bodyText() {
        String text = message().getBody(String.class);
        return text == null ? "" : text;
    }

    String required(String header, String operation) {
        String v = header(header);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("Operation " + operation + " needs header " + header);
        }
        return v;
    }
}
