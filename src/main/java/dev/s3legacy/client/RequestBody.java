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

    /**
     * A fresh stream of the bytes, for hashing or for splitting into parts. Repeatable bodies give a new
     * stream each call; a one-shot stream body gives its stream once.
     */
    public abstract InputStream openStream() throws IOException;

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
        return new RequestBody() {
            public long contentLength() {
                return length;
            }

            public boolean isRepeatable() {
                return true;
            }

            public BodyPublisher publisher() {
                return length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(bytes, offset, length);
            }

            public InputStream openStream() {
                return new java.io.ByteArrayInputStream(bytes, offset, length);
            }
        };
    }

    public static RequestBody ofFile(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("Cannot upload '" + file + "': not a readable regular file");
        }
        final long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read size of " + file, e);
        }
        return new RequestBody() {
            public long contentLength() {
                return size;
            }

            public boolean isRepeatable() {
                return true;
            }

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
        return new RequestBody() {
            public long contentLength() {
                return length;
            }

            public boolean isRepeatable() {
                return true;
            }

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

    /** Opens a fresh stream over the same bytes. */
    @FunctionalInterface
    public interface StreamOpener {
        InputStream open() throws IOException;
    }
}
