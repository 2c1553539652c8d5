package dev.s3legacy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.s3legacy.client.Headers;
import dev.s3legacy.client.MultipartUploader;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3Request;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.SpooledBody;
import dev.s3legacy.client.Spooler;
import dev.s3legacy.client.TransferMeter;
import dev.s3legacy.client.TransferProgress;
import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * Turns a message body into an upload that streams: files and paths are read from disk as they are
 * sent, stream caches are re-opened rather than copied, and a stream of unknown length is spooled to a
 * temporary file (S3 needs a length), never to the heap. Sends it as put's one PUT or as a multipart upload.
 */
final class UploadBodies {

    private UploadBodies() {
    }

    /** An upload body and what must be released once it was sent. */
    private record Upload(RequestBody body, SpooledBody spooled) implements AutoCloseable {
        @Override
        public void close() {
            if (spooled != null) {
                spooled.close();
            }
        }
    }

    /**
     * put's sender: one PUT ({@code single}), or a multipart upload for a body above multipartThreshold or of
     * unknown length; completes with the object's ETag once the upload's resources are released.
     */
    static CompletableFuture<String> send(OperationInput in, S3Connection s3,
                                          OperationBinding.RequestBuilder<S3Response> single) throws Exception {
        Upload upload = of(in.exchange(), s3.config().spoolThreshold(), s3.config().spoolDirectory());
        CompletableFuture<String> sent;
        try {
            sent = singleOrMultipart(in.withUpload(upload.body()), s3, single);
        } catch (RuntimeException e) {
            upload.close();
            throw e;
        }
        return sent.whenComplete((etag, e) -> upload.close());
    }

    private static CompletableFuture<String> singleOrMultipart(OperationInput in, S3Connection s3,
                                                               OperationBinding.RequestBuilder<S3Response> single) {
        long length = in.upload().contentLength();
        S3LegacyConfiguration c = in.config();
        if (length >= 0 && length <= c.getMultipartThreshold()) {
            S3Request<S3Response> put = single.build(in);
            TransferWatcher.Watch watch = watch(in, put.bucket(), put.key(), length);
            return watched(in, watch, () -> s3.executeAsync(put.progress(meter(watch))).thenApply(r -> {
                OperationResults.responseHeaders(in.message(), r);
                OperationResults.written(in.message(), r);
                return r.eTag();
            }));
        }
        String key = in.key();
        Headers extra = new Headers();
        String acl = in.cannedAcl();
        if (acl != null) {
            extra.add("x-amz-acl", acl);
        }
        TransferWatcher.Watch watch = watch(in, in.bucket(), key, length);
        return watched(in, watch, () -> new MultipartUploader(s3, c.getPartSize(), c.getMultipartConcurrency())
                .withOptions(in.writeOptions()).withProgress(meter(watch))
                .uploadAsync(in.bucket(), key, in.upload(), in.contentType(key, true), in.metadata(), extra)
                .thenApply(CompleteMultipartUploadResult::getETag));
    }

    /** The upload's watch (see progressInterval), or null. */
    private static TransferWatcher.Watch watch(OperationInput in, String bucket, String key, long length) {
        return in.endpoint().transfers().start(TransferProgress.Direction.UPLOAD, bucket, key, length);
    }

    private static TransferMeter meter(TransferWatcher.Watch watch) {
        return watch == null ? null : watch.meter();
    }

    /** Starts the upload; the watch ends with it (also when it fails to start), its final snapshot on the message. */
    private static CompletableFuture<String> watched(OperationInput in, TransferWatcher.Watch watch,
                                                     Supplier<CompletableFuture<String>> upload) {
        try {
            return TransferWatcher.endWith(watch, upload.get(), in.message());
        } catch (RuntimeException e) {
            if (watch != null) {
                watch.end(e);
            }
            throw e;
        }
    }

    private static Upload of(Exchange exchange, long spoolThreshold, Path spoolDirectory) throws Exception {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body instanceof WrappedFile<?> wrapped) {
            // the file component's GenericFile: upload the file itself, not a copy of its content
            body = wrapped.getFile() instanceof File f ? f : wrapped.getBody();
        }
        if (body == null) {
            return new Upload(RequestBody.empty(), null);
        }
        if (body instanceof byte[] bytes) {
            return new Upload(RequestBody.ofBytes(bytes), null);
        }
        if (body instanceof String s) {
            return new Upload(RequestBody.ofBytes(s.getBytes(charset(exchange))), null);
        }
        if (body instanceof File f) {
            return new Upload(RequestBody.ofFile(f.toPath()), null);
        }
        if (body instanceof Path p) {
            return new Upload(RequestBody.ofFile(p), null);
        }
        if (body instanceof S3LegacyBody s3) {
            return new Upload(s3.getSpooledBody().asRequestBody(), null);
        }
        if (body instanceof StreamCache cache && body instanceof InputStream && cache.length() >= 0) {
            // Each attempt reads its own copy of the cache, so a retry sends the same bytes again.
            return new Upload(RequestBody.ofRepeatableStream(() -> {
                InputStream copy = (InputStream) cache.copy(exchange);
                return copy;
            }, cache.length()), null);
        }
        if (body instanceof InputStream in) {
            // Unknown length (-1): the producer sends it as a multipart upload, spooling part by part.
            Long length = declaredLength(message);
            return new Upload(RequestBody.ofStream(in, length != null ? length : -1), null);
        }
        InputStream in = exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, body);
        if (in != null) {
            try (in) {
                SpooledBody spooled = Spooler.spool(in, spoolThreshold, spoolDirectory);
                return new Upload(spooled.asRequestBody(), spooled);
            }
        }
        byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
        return new Upload(RequestBody.ofBytes(bytes), null);
    }

    private static Long declaredLength(Message message) {
        Object v = message.getHeader(S3LegacyConstants.CONTENT_LENGTH);
        if (v == null) {
            v = message.getHeader(Exchange.CONTENT_LENGTH);
        }
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v.toString().trim());
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Header " + S3LegacyConstants.CONTENT_LENGTH + " is not a length: " + v);
        }
    }

    private static java.nio.charset.Charset charset(Exchange exchange) {
        String name = exchange.getProperty(Exchange.CHARSET_NAME, String.class);
        return name == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
    }
}
