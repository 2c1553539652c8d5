package dev.s3legacy.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MD5 of a file that parallel ranges fill out of order, computed while they land: a range is read back (from
 * the page cache) and digested as soon as every range before it was, on the given executor, one pass at a time.
 * The whole object's digest is ready moments after its last range instead of after a second read of the file.
 */
final class OrderedDigest {

    private static final int READ = 256 * 1024;

    private final Path file;
    private final long total;
    private final long part;
    private final Executor executor;
    private final MessageDigest md5;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    /** Whether a pass runs; a pass owns {@link #md5} and {@link #reader}. */
    private final AtomicBoolean running = new AtomicBoolean();
    /** Ranges wholly in the file; guards {@link #next} and {@link #stopped} too. */
    private final boolean[] landed;
    private int next;
    private boolean stopped;
    private volatile FileChannel reader;

    OrderedDigest(Path file, long total, long part, Executor executor) {
        this.file = file;
        this.total = total;
        this.part = part;
        this.executor = executor;
        this.landed = new boolean[(int) ((total + part - 1) / part)];
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The range at this index is wholly written to the file. */
    void landed(int index) {
        synchronized (landed) {
            landed[index] = true;
        }
        kick();
    }

    /** The hex MD5 of the whole file, once every range landed and was digested. */
    CompletableFuture<String> result() {
        return result;
    }

    /** The download failed: nothing more is digested, the file is let go, the result never completes. */
    void stop() {
        synchronized (landed) {
            stopped = true;
        }
        kick();
    }

    private void kick() {
        if (!running.compareAndSet(false, true)) {
            return; // the running pass looks again before it ends
        }
        try {
            executor.execute(this::pass);
        } catch (RejectedExecutionException e) {
            pass(); // the pool is stopping: finish here rather than never
        }
    }

    /** The index of the next range to digest, or -1 when it has not landed, all are done, or the digest stopped. */
    private int ready() {
        synchronized (landed) {
            return stopped || next >= landed.length || !landed[next] ? -1 : next;
        }
    }

    private boolean over() {
        synchronized (landed) {
            return stopped || next >= landed.length;
        }
    }

    private void pass() {
        try {
            for (int index = ready(); index >= 0; index = ready()) {
                digest(index);
                synchronized (landed) {
                    next++;
                }
            }
            if (over()) {
                close();
                synchronized (landed) {
                    if (!stopped && !result.isDone()) {
                        result.complete(HexFormat.of().formatHex(md5.digest()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            stop();
            close();
            result.completeExceptionally(e);
        } finally {
            running.set(false);
        }
        // a range that landed, or a stop, after this pass last looked
        if (ready() >= 0 || over() && reader != null) {
            kick();
        }
    }

    private void digest(int index) throws IOException {
        if (reader == null) {
            reader = FileChannel.open(file, StandardOpenOption.READ);
        }
        long position = index * part;
        long end = Math.min(position + part, total);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ, end - position));
        while (position < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            int n = reader.read(buffer, position);
            if (n < 0) {
                throw new IOException("the download's file ends at " + position + " of " + total + " bytes");
            }
            buffer.flip();
            md5.update(buffer);
            position += n;
        }
    }

    private void close() {
        FileChannel open = reader;
        reader = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // only read from: nothing is lost
            }
        }
    }
}
