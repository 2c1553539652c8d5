package dev.s3legacy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import dev.s3legacy.client.SpooledBody;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * An object's data as a message body: a stream over bytes held in memory or in a spooled temporary
 * file, which is itself a {@link StreamCache}, so Camel's stream caching neither copies it into the
 * heap nor reads it only once. The temporary file belongs to the exchange that fetched it and is
 * deleted when that exchange completes. A spooled body is file based for Camel (a {@link WrappedFile}), so
 * the file component moves or copies the file itself instead of streaming it: the first time a component asks
 * for the file, the body offers it to be moved into place (see {@link FileHandOff}).
 */
public final class S3LegacyBody extends InputStream implements StreamCache, WrappedFile<File> {

    private final SpooledBody body;
    /** Run once, the first time a component asks for the spool file; null: nothing to offer. */
    private Runnable onFileAsked;
    private InputStream current;
    private long position;

    public S3LegacyBody(SpooledBody body) {
        this(body, null);
    }

    S3LegacyBody(SpooledBody body, Runnable onFileAsked) {
        this.body = body;
        this.onFileAsked = onFileAsked;
    }

    /** The bytes behind this stream. */
    public SpooledBody getSpooledBody() {
        return body;
    }

    private InputStream stream() throws IOException {
        if (current == null) {
            current = body.openStream();
        }
        return current;
    }

    @Override
    public int read() throws IOException {
        int b = stream().read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = stream().read(b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, body.length() - position);
    }

    /** Back to the first byte; the next read starts over. */
    @Override
    public void reset() {
        closeCurrent();
        position = 0;
    }

    @Override
    public void close() {
        // Closing the stream does not delete the data: the exchange's completion does. The next read
        // starts over (Camel's converters close what they read), so the position does too.
        reset();
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // a read-only stream over memory or a file; nothing was lost
            }
            current = null;
        }
    }

    /** Copies the rest in large chunks (the default copies 8 KiB at a time). */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = read(buffer, 0, buffer.length)) >= 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        try (InputStream in = body.openStream()) {
            in.transferTo(os);
        }
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new S3LegacyBody(body);
    }

    @Override
    public boolean inMemory() {
        return !body.isSpooled();
    }

    @Override
    public long length() {
        return body.length();
    }

    @Override
    public long position() {
        return position;
    }

    /**
     * The spool file, or null when the bytes are in memory. Camel's file producer asks for it just before it
     * looks for a local work file to rename, so the hand-off is offered only then: a route that replaced the
     * body never sees it (the FTP producer, for one, would upload a named local work file instead of the body).
     */
    @Override
    public File getFile() {
        if (!body.isSpooled()) {
            return null;
        }
        Runnable offer = onFileAsked;
        if (offer != null) {
            onFileAsked = null;
            offer.run();
        }
        return body.file().toFile();
    }

    @Override
    public Object getBody() {
        return this;
    }

    @Override
    public long getFileLength() {
        return body.length();
    }

    @Override
    public String toString() {
        return "S3LegacyBody[" + body + "]";
    }
}
