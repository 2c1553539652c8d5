package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Collects bytes in memory up to a threshold and in a temporary file beyond it. Used for response
 * bodies (fed buffer by buffer from the HTTP client) and for uploads of unknown length (fed from a
 * stream). On any failure of a write, the last flush or the close, the temporary file is deleted at once;
 * files a crashed JVM left behind are removed by {@link #sweepStale}.
 */
public final class Spooler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Spooler.class.getName());

    /** Temporary files are {@code s3legacy-spool-<digits>.tmp}: specific enough never to match a user's file. */
    static final String FILE_PREFIX = "s3legacy-spool-";
    static final String FILE_SUFFIX = ".tmp";
    /**
     * The names {@link #sweepStale} removes: this version's, and {@code s3legacy-<digits>.tmp} of the versions
     * before it (the same files, response bodies and multipart parts alike, under their older prefix).
     */
    static final Pattern FILE_NAME = Pattern.compile("s3legacy-(?:spool-)?\\d+\\.tmp");

    private static final int INITIAL_BUFFER = 8192;
    private static final int STAGING_BUFFER = 256 * 1024;

    private final long threshold;
    private final Path directory;
    private byte[] memory = new byte[0];
    private int memoryLength;
    private final ChannelOpener opener;
    private Path file;
    private WritableByteChannel channel;
    private ByteBuffer staging;
    private long length;
    /** finish() succeeded: the file now belongs to the SpooledBody. */
    private boolean done;
    /** A write, flush or close failed: the file is gone and this spooler takes no more bytes. */
    private boolean failed;
    private MessageDigest md5;
    private byte[] md5Digest;

    public Spooler(long threshold, Path directory) {
        this(threshold, directory, file -> FileChannel.open(file, StandardOpenOption.WRITE));
    }

    /** For tests: a channel that may fail its writes or its close. */
    Spooler(long threshold, Path directory, ChannelOpener opener) {
        this.threshold = threshold;
        this.directory = directory;
        this.opener = opener;
    }

    /** Opens the channel the spool file is written through. */
    @FunctionalInterface
    interface ChannelOpener {
        WritableByteChannel open(Path file) throws IOException;
    }

    /**
     * Deletes this component's spool files (see {@link #FILE_NAME}) last modified more than {@code olderThan}
     * ago directly in {@code directory}: the leftovers of a JVM that crashed or was killed. Anything else is
     * kept: other names, directories, symbolic links (never followed). Choose {@code olderThan} longer than
     * any body lives in a running JVM (a download held by a slow exchange keeps its file unmodified), since
     * several JVMs may share the directory. Never fails for I/O: what cannot be deleted is logged at WARNING.
     *
     * @return how many files were deleted
     */
    public static int sweepStale(Path directory, Duration olderThan) {
        if (directory == null) {
            throw new IllegalArgumentException("directory is required");
        }
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must be zero or more, was " + olderThan);
        }
        if (!Files.isDirectory(directory)) {
            return 0; // nothing spooled there yet
        }
        Instant cutoff = Instant.now().minus(olderThan);
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> FILE_NAME.matcher(entry.getFileName().toString()).matches())) {
            for (Path entry : entries) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    // a link is not a regular file here; were it swapped in meanwhile, delete removes the link, not its target
                    if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        Files.delete(entry);
                        deleted++;
                    }
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile (by its owner or another sweep)
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Could not delete the stale spool file {0}: {1}", entry, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not sweep stale spool files in {0}: {1}", directory, e.toString());
        }
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "Deleted {0} stale spool file(s) from {1}", deleted, directory);
        }
        return deleted;
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
        requireUsable();
        try {
            append(buffer);
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    private void append(ByteBuffer buffer) throws IOException {
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
        file = Files.createTempFile(directory, FILE_PREFIX, FILE_SUFFIX);
        channel = opener.open(file);
        staging = ByteBuffer.allocateDirect(STAGING_BUFFER);
        ByteBuffer head = ByteBuffer.wrap(memory, 0, memoryLength);
        while (head.hasRemaining()) {
            channel.write(head);
        }
        memory = null;
    }

    /**
     * The collected bytes; after this, closing the spooler no longer deletes the file. If the last flush or
     * the close fails, the file is deleted and the failure thrown.
     */
    public SpooledBody finish() throws IOException {
        requireUsable();
        if (file == null) {
            done = true;
            return SpooledBody.inMemory(memory, memoryLength);
        }
        try {
            flushStaging();
            channel.close(); // a failed close may have lost written bytes (NFS, a full disk): no file is kept then
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
        done = true;
        return SpooledBody.inFile(file, length);
    }

    private void requireUsable() throws IOException {
        if (failed) {
            throw new IOException("An earlier write to the spool file failed; its bytes were discarded");
        }
    }

    public long length() {
        return length;
    }

    /** Abandons the bytes unless {@link #finish()} succeeded: the temporary file is deleted. */
    @Override
    public void close() {
        if (!done) {
            discard();
        }
    }

    /** Closes the channel and deletes the file; nothing more can be written. */
    private void discard() {
        failed = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing after a failure; the delete below is what matters
            }
        }
        if (file != null) {
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
