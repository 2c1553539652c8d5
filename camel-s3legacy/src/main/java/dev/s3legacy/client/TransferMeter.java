package dev.s3legacy.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the bytes of one transfer as the network moves them, from any number of threads at once (parallel
 * ranges, parts in flight): one {@link LongAdder} add per buffer, nothing allocated on the way. Whoever wants to
 * see the transfer takes {@link #snapshot snapshots}; the meter itself schedules, logs and calls nothing.
 * Attach it to a request ({@link S3Request#progress}), a {@link MultipartUploader} or a {@link MultipartCopier}.
 */
public final class TransferMeter {

    private final String bucket;
    private final String key;
    private final TransferProgress.Direction direction;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final LongAdder done = new LongAdder();
    private volatile long total;

    /** @param total the object's size, or -1 when it is not known yet */
    public TransferMeter(String bucket, String key, TransferProgress.Direction direction, long total) {
        this.bucket = bucket;
        this.key = key;
        this.direction = direction;
        this.total = total;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public TransferProgress.Direction direction() {
        return direction;
    }

    public Instant started() {
        return started;
    }

    public long total() {
        return total;
    }

    /** The object's size, once learnt (a download's first answer, the end of a stream of unknown length). */
    public void total(long bytes) {
        this.total = bytes;
    }

    public long bytesDone() {
        return done.sum();
    }

    /** Bytes that are done and will not be sent again (a part copied server-side). */
    void add(long bytes) {
        done.add(bytes);
    }

    /** A piece of the transfer that a retry may send again from its start: a request's body, a range. */
    Segment segment() {
        return new Segment();
    }

    /**
     * The transfer now, with the rate since {@code previous} (the snapshot before, or null for the average since
     * the start). Bytes done never fall below the previous snapshot's. A {@code COMPLETED} snapshot of an unknown
     * total takes the bytes done as the total.
     */
    public TransferProgress snapshot(TransferProgress previous, TransferProgress.State state) {
        long now = System.nanoTime();
        Duration elapsed = Duration.ofNanos(now - startNanos);
        long bytes = done.sum();
        if (previous != null) {
            bytes = Math.max(bytes, previous.bytesDone());
        }
        long size = total;
        if (state == TransferProgress.State.COMPLETED && size < 0) {
            size = bytes;
        }
        double rate;
        if (previous == null || state.isFinal()) {
            rate = perSecond(bytes, elapsed);
        } else {
            rate = perSecond(bytes - previous.bytesDone(), elapsed.minus(previous.elapsed()));
        }
        Duration left = null;
        if (state == TransferProgress.State.COMPLETED) {
            left = Duration.ZERO;
        } else if (size >= 0 && rate > 0) {
            left = Duration.ofMillis((long) (Math.max(0, size - bytes) * 1000 / rate));
        }
        return new TransferProgress(bucket, key, direction, bytes, size, rate, left, started, elapsed, state);
    }

    private static double perSecond(long bytes, Duration window) {
        long nanos = window.toNanos();
        return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
    }

    /**
     * Counts each byte of one request's body (or one range) once, however many attempts send it: an attempt
     * reports how far into the piece it got, and only what lies beyond the furthest point any attempt reached
     * is added. Attempts come one after the other, but a late buffer of a failed one may still arrive: the
     * compare-and-set keeps the count right then too.
     */
    final class Segment {
        private final AtomicLong reached = new AtomicLong();

        /** An attempt has moved the piece's first {@code bytes} bytes. */
        void reached(long bytes) {
            for (long before = reached.get(); bytes > before; before = reached.get()) {
                if (reached.compareAndSet(before, bytes)) {
                    done.add(bytes - before);
                    return;
                }
            }
        }

        TransferMeter meter() {
            return TransferMeter.this;
        }
    }
}
