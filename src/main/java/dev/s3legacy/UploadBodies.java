package dev.s3legacy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.SpooledBody;
import dev.s3legacy.client.Spooler;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * Turns a message body into an upload that streams: files and paths are read from disk as they are
 * sent, stream caches are re-opened rather than copied, and a stream of unknown length is spooled to a
 * temporary file (S3 needs a length), never to the heap.
 */
final class UploadBodies {

    private UploadBodies() {
    }

    /** An upload body and what must be released once it was sent. */
    record Upload(RequestBody body, SpooledBody spooled) implements AutoCloseable {
        @Override
        public void close() {
            if (spooled != null) {
                spooled.close();
            }
        }
    }

    static Upload of(Exchange exchange, long spoolThreshold, Path spoolDirectory) throws Exception {
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
