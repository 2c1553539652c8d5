package dev.s3legacy.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An upload body that streams: bytes, a file, or an input stream. Nothing is copied into the heap;
 * a file is read from disk as it is sent. A body that can be produced again ({@link #isRepeatable()})
 * may be retried; a one-shot stream never is.
 */
public abstract class RequestBody {

    /** Bodies up to this size get a real payload hash (V4) and Content-MD5 (V2); larger ones are not read twice. */
    public static final long HASHED_BODY_LIMIT = 8L * 1024 * 1024;

    private RequestBody() {
    }

    /** Length in bytes, or -1 when unknown. */
    public abstract long contentLength();

    public abstract boolean isRepeatable();

    /** A fresh publisher for one attempt. */
    public abstract BodyPublisher publisher();

    /** Whether the bytes are in memory, so publishing them reads no disk and no stream (see {@link OffloadedPublisher}). */
    boolean isInMemory() {
        return false;
    }

    /**
     * A fresh stream of the bytes, for hashing or for splitting into parts. Repeatable bodies give a new
     * stream each call; a one-shot stream body gives its stream once.
     */
    public abstract InputStream openStream() throws IOException;

    /**
     * Bytes {@code [offset, offset + length)} of this repeatable body, itself repeatable and read straight
     * from the source each time: a multipart part the connection may retry, never copied into the heap.
     */
    public RequestBody slice(long offset, long length) {
        if (!isRepeatable() || contentLength() < 0) {
            throw new IllegalStateException("Only a repeatable body of known length can be sliced");
        }
        checkRegion(offset, length, contentLength());
        return ofRepeatableStream(() -> region(openStream(), offset, length), length);
    }

    /** Hex SHA-256 and Base64 MD5 of the body, or null where hashing would mean reading it twice. */
    public Digests digests() {
        if (!isRepeatable() || contentLength() < 0 || contentLength() > HASHED_BODY_LIMIT) {
            return null;
        }
        try (InputStream in = openStream()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                md5.update(buf, 0, n);
            }
            return new Digests(HexFormat.of().formatHex(sha.digest()),
                    java.util.Base64.getEncoder().encodeToString(md5.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Digests of a body: hex SHA-256 (V4 payload hash) and Base64 MD5 (Content-MD5). */
    public record Digests(String sha256Hex, String md5Base64) {
    }

    public static RequestBody empty() {
        return ofBytes(new byte[0]);
    }

    public static RequestBody ofString(String s) {
        return ofBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public static RequestBody ofBytes(byte[] bytes) {
        return ofBytes(bytes, 0, bytes.length);
    }

    public static RequestBody ofBytes(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Repeatable(length) {
            public BodyPublisher publisher() {
                return length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(bytes, offset, length);
            }

            public InputStream openStream() {
                return new java.io.ByteArrayInputStream(bytes, offset, length);
            }

            @Override
            boolean isInMemory() {
                return true;
            }

            /** Hashed where the bytes lie: no stream, no copy. */
            @Override
            public Digests digests() {
                if (length > HASHED_BODY_LIMIT) {
                    return null;
                }
                try {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    MessageDigest md5 = MessageDigest.getInstance("MD5");
                    sha.update(bytes, offset, length);
                    md5.update(bytes, offset, length);
                    return new Digests(HexFormat.of().formatHex(sha.digest()), java.util.Base64.getEncoder().encodeToString(md5.digest()));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public RequestBody slice(long sliceOffset, long sliceLength) {
                checkRegion(sliceOffset, sliceLength, length);
                return ofBytes(bytes, offset + (int) sliceOffset, (int) sliceLength);
            }
        };
    }

    public static RequestBody ofFile(Path file) {
        long size = readableSize(file);
        return new Repeatable(size) {
            public BodyPublisher publisher() {
                try {
                    return size == 0 ? BodyPublishers.noBody() : BodyPublishers.ofFile(file);
                } catch (FileNotFoundException e) {
                    throw new UncheckedIOException(e);
                }
            }

            public InputStream openStream() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public RequestBody slice(long offset, long length) {
                return ofFileRegion(file, offset, length);
            }
        };
    }

    /** {@code length} bytes of a file from {@code offset}, read from disk as they are sent; repeatable. */
    public static RequestBody ofFileRegion(Path file, long offset, long length) {
        checkRegion(offset, length, readableSize(file));
        // skipping a file stream seeks: nothing before the region is read
        return ofRepeatableStream(() -> region(Files.newInputStream(file), offset, length), length);
    }

    private static long readableSize(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("Cannot upload '" + file + "': not a readable regular file");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read size of " + file, e);
        }
    }

    private static void checkRegion(long offset, long length, long size) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IllegalArgumentException("Region of " + length + " bytes at offset " + offset
                    + " is outside a body of " + size + " bytes");
        }
    }

    /** The next {@code length} bytes of {@code in} after skipping {@code offset}; closing it closes {@code in}. */
    private static InputStream region(InputStream in, long offset, long length) throws IOException {
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new InputStream() {
            private long remaining = length;

            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    remaining--;
                }
                return b;
            }

            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }

            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * A body read from a stream the caller owns. With a known length it is sent as it is read; with -1
     * the caller should spool it first (see {@link Spooler}) or use a multipart upload, since S3 needs
     * a Content-Length.
     */
    public static RequestBody ofStream(InputStream in, long length) {
        Objects.requireNonNull(in, "in");
        return new RequestBody() {
            private boolean used;

            public long contentLength() {
                return length;
            }

            public boolean isRepeatable() {
                return false;
            }

            public BodyPublisher publisher() {
                Supplier<InputStream> once = () -> {
                    synchronized (this) {
                        if (used) {
                            throw new IllegalStateException("A stream body can be sent only once");
                        }
                        used = true;
                    }
                    return in;
                };
                return length < 0 ? BodyPublishers.ofInputStream(once)
                        : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(once), length);
            }

            public synchronized InputStream openStream() {
                if (used) {
                    throw new IllegalStateException("A stream body can be read only once");
                }
                used = true;
                return in;
            }
        };
    }

    /** A repeatable body made by opening a stream each time, e.g. from a re-readable cache. */
    public static RequestBody ofRepeatableStream(StreamOpener opener, long length) {
        Objects.requireNonNull(opener, "opener");
        if (length < 0) {
            throw new IllegalArgumentException("A repeatable stream body needs its length");
        }
        return new Repeatable(length) {
            public BodyPublisher publisher() {
                return length == 0 ? BodyPublishers.noBody()
                        : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
                            try {
                                return opener.open();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }), length);
            }

            public InputStream openStream() throws IOException {
                return opener.open();
            }
        };
    }

    /** A body that can be produced again, of a length known up front. */
    private abstract static class Repeatable extends RequestBody {
        private final long length;

        Repeatable(long length) {
            this.length = length;
        }

        @Override
        public final long contentLength() {
            return length;
        }

        @Override
        public final boolean isRepeatable() {
            return true;
        }
    }

    /** Opens a fresh stream over the same bytes. */
    @FunctionalInterface
    public interface StreamOpener {
        InputStream open() throws IOException;
    }
}
