package dev.s3legacy.client;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bytes held in memory when small or in a temporary file when large, readable any number of times.
 * {@link #close()} deletes the file; it is safe to call more than once.
 */
public final class SpooledBody implements Closeable {

    private static final SpooledBody EMPTY = new SpooledBody(new byte[0], 0, null);

    private final byte[] memory;
    private final long length;
    private final Path file;
    /** The network stream of an unspooled body (read once), or null. */
    private final InputStream stream;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean streamTaken = new AtomicBoolean();

    private SpooledBody(byte[] memory, long length, Path file) {
        this(memory, length, file, null);
    }

    private SpooledBody(byte[] memory, long length, Path file, InputStream stream) {
        this.memory = memory;
        this.length = length;
        this.file = file;
        this.stream = stream;
    }

    /**
     * A body not spooled at all: the network stream, readable once ({@code spoolDownloads=false}); closing the
     * body closes the stream.
     *
     * @param length the declared length, or -1
     */
    static SpooledBody streaming(InputStream stream, long length) {
        return new SpooledBody(null, length, null, stream);
    }

    /** Whether this is the network stream itself, readable once (see {@link S3ClientConfig#spoolDownloads()}). */
    public boolean isStreaming() {
        return stream != null;
    }

    public static SpooledBody empty() {
        return EMPTY;
    }

    public static SpooledBody inMemory(byte[] bytes, int length) {
        return new SpooledBody(bytes, length, null);
    }

    /**
     * A body whose bytes went straight to a file someone else owns (one range of a parallel download): only
     * its length is known here, and closing it deletes nothing.
     */
    static SpooledBody writtenElsewhere(long length) {
        return new SpooledBody(null, length, null);
    }

    /** Takes ownership of the file: closing this body deletes it. */
    public static SpooledBody inFile(Path file, long length) {
        return new SpooledBody(null, length, file);
    }

    public long length() {
        return length;
    }

    /** Whether the bytes are in a temporary file. */
    public boolean isSpooled() {
        return file != null;
    }

    /** The temporary file, or null when the bytes are in memory. */
    public Path file() {
        return file;
    }

    /** A new stream over the bytes, from the start. */
    public InputStream openStream() throws IOException {
        if (stream != null) {
            if (!streamTaken.compareAndSet(false, true)) {
                throw new IOException("The body is the network stream (spoolDownloads=false): it can be read only once");
            }
            return stream;
        }
        if (file == null && memory == null) {
            throw new IOException("The bytes of this body were written to another file");
        }
        if (file == null) {
            return new ByteArrayInputStream(memory, 0, (int) length);
        }
        if (closed.get()) {
            throw new IOException("Body was closed and its temporary file deleted: " + file);
        }
        // 256 KiB reads from the file, whatever size the caller reads in (InputStream.transferTo uses 8 KiB)
        return new java.io.BufferedInputStream(Files.newInputStream(file), 256 * 1024);
    }

    /** All bytes; for a spooled body this reads the file into the heap, so mind its length. */
    public byte[] bytes() {
        if (stream != null) {
            try (InputStream in = openStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (file == null && memory == null) {
            throw new IllegalStateException("The bytes of this body were written to another file");
        }
        if (file == null) {
            return memory.length == length ? memory : Arrays.copyOf(memory, (int) length);
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("Body of " + length + " bytes is too large for a byte array");
        }
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String asString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** A repeatable upload body over these bytes. */
    public RequestBody asRequestBody() {
        if (stream != null) {
            return RequestBody.ofStream(stream, length); // once, as the stream it is
        }
        if (file == null) {
            return RequestBody.ofBytes(memory, 0, (int) length);
        }
        return RequestBody.ofRepeatableStream(this::openStream, length);
    }

    @Override
    public void close() {
        if (stream != null && closed.compareAndSet(false, true)) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing aborts an unfinished transfer; nothing else to release
            }
        }
        if (file != null && closed.compareAndSet(false, true)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    @Override
    public String toString() {
        if (stream != null) {
            return "SpooledBody[" + length + " bytes, network stream]";
        }
        return file == null ? "SpooledBody[" + length + " bytes in memory]" : "SpooledBody[" + length + " bytes in " + file + "]";
    }
}
