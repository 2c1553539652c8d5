package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Collects bytes in memory up to a threshold and in a temporary file beyond it. Used for response
 * bodies (fed buffer by buffer from the HTTP client) and for uploads of unknown length (fed from a
 * stream). On any failure the temporary file is deleted.
 */
public final class Spooler implements AutoCloseable {

    private static final int INITIAL_BUFFER = 8192;
    private static final int STAGING_BUFFER = 256 * 1024;

    private final long threshold;
    private final Path directory;
    private byte[] memory = new byte[0];
    private int memoryLength;
    private Path file;
    private FileChannel channel;
    private ByteBuffer staging;
    private long length;
    private boolean done;
    private MessageDigest md5;
    private byte[] md5Digest;

    public Spooler(long threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    /** Reads the stream to its end into a spooled body; the stream is not closed. */
    public static SpooledBody spool(InputStream in, long threshold, Path directory) throws IOException {
        try (Spooler spooler = new Spooler(threshold, directory)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                spooler.write(ByteBuffer.wrap(buf, 0, n));
            }
            return spooler.finish();
        }
    }

    /** Also computes the MD5 of the bytes as they are written, for {@link #md5Hex()}: no second read. */
    void digestMd5() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex MD5 of everything written, after {@link #digestMd5()} and {@link #finish()}; null without digestMd5. */
    String md5Hex() {
        return md5 == null ? null : HexFormat.of().formatHex(md5Hash());
    }

    private byte[] md5Hash() {
        if (md5Digest == null) {
            md5Digest = md5.digest();
        }
        return md5Digest;
    }

    public void write(ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        if (md5 != null) {
            md5.update(buffer.duplicate());
        }
        if (file == null && memoryLength + (long) n > threshold) {
            openFile();
        }
        if (file == null) {
            if (memoryLength + n > memory.length) {
                int size = (int) Math.min(threshold, Math.max((long) memory.length * 2, Math.max(INITIAL_BUFFER, memoryLength + n)));
                memory = Arrays.copyOf(memory, Math.max(size, memoryLength + n));
            }
            buffer.get(memory, memoryLength, n);
            memoryLength += n;
        } else {
            // Gather small network buffers into one direct buffer: one system call per 256 KiB, not per 16 KiB.
            while (buffer.hasRemaining()) {
                if (!staging.hasRemaining()) {
                    flushStaging();
                }
                int chunk = Math.min(staging.remaining(), buffer.remaining());
                staging.put(buffer.slice(buffer.position(), chunk));
                buffer.position(buffer.position() + chunk);
            }
        }
        length += n;
    }

    private void flushStaging() throws IOException {
        staging.flip();
        while (staging.hasRemaining()) {
            channel.write(staging);
        }
        staging.clear();
    }

    private void openFile() throws IOException {
        Files.createDirectories(directory);
        file = Files.createTempFile(directory, "s3legacy-", ".tmp");
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        staging = ByteBuffer.allocateDirect(STAGING_BUFFER);
        ByteBuffer head = ByteBuffer.wrap(memory, 0, memoryLength);
        while (head.hasRemaining()) {
            channel.write(head);
        }
        memory = null;
    }

    /** The collected bytes; after this, closing the spooler no longer deletes the file. */
    public SpooledBody finish() throws IOException {
        done = true;
        if (file == null) {
            return SpooledBody.inMemory(memory, memoryLength);
        }
        flushStaging();
        channel.close();
        return SpooledBody.inFile(file, length);
    }

    public long length() {
        return length;
    }

    /** Abandons the bytes unless {@link #finish()} was called: the temporary file is deleted. */
    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing after a failure; the delete below is what matters
            }
        }
        if (!done && file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** For writing to a spooler through an OutputStream API. */
    public OutputStream asOutputStream() {
        return new OutputStream() {
            public void write(int b) throws IOException {
                Spooler.this.write(ByteBuffer.wrap(new byte[] {(byte) b}));
            }

            public void write(byte[] b, int off, int len) throws IOException {
                Spooler.this.write(ByteBuffer.wrap(b, off, len));
            }
        };
    }
}
