package dev.s3legacy.test;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A one-shot stream of {@code length} pseudo-random bytes, the same for the same seed, made as it is
 * read: test data of any size that never sits in the heap. {@link #sha256(long, long)} gives its digest.
 */
public class GeneratedStream extends InputStream {

    private final SplittableRandom random;
    private long remaining;

    public GeneratedStream(long length, long seed) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) random.nextInt(256);
        }
        remaining -= n;
        return n;
    }

    /** The hex SHA-256 of what {@code new GeneratedStream(length, seed)} gives. */
    public static String sha256(long length, long seed) throws IOException {
        return sha256(new GeneratedStream(length, seed));
    }

    /** Reads the stream to its end (and closes it) and gives its hex SHA-256. */
    public static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
