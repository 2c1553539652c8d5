package dev.s3legacy.client;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Writes one range of a parallel download at its offset in the shared spool file. Small network buffers
 * are gathered into one direct buffer (one system call per 256 KiB, not per 16 KiB). A retried attempt
 * writes its range again from the start, over what an earlier attempt left. Completes with the number
 * of bytes written (as a body with no bytes of its own), which the classifier checks against the
 * Content-Length; a range past its expected length, or one whose download was aborted, fails.
 */
final class PositionalBodySubscriber extends TimedBodySubscriber {

    private static final int STAGING_BUFFER = 256 * 1024;

    private final RangeTarget target;
    private final ByteBuffer staging;
    /** Where the staged bytes go: the next position in the file. */
    private long position;
    private long received;

    PositionalBodySubscriber(RangeTarget target, IdleTimeout.Sweeper readTimeouts) {
        super(readTimeouts);
        this.target = target;
        this.position = target.offset();
        this.staging = ByteBuffer.allocateDirect((int) Math.min(STAGING_BUFFER, Math.max(1, target.length())));
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (this) {
            if (result.isDone()) {
                return; // timed out or failed meanwhile; the subscription is cancelled
            }
            touch();
            try {
                if (target.aborted()) {
                    // not an I/O failure: nothing to retry, the download is over
                    throw new CancellationException("another range of the download failed");
                }
                for (ByteBuffer b : buffers) {
                    received += b.remaining();
                    if (received > target.length()) {
                        throw new IOException("the range starting at " + target.offset() + " sent more than its "
                                + target.length() + " bytes");
                    }
                    while (b.hasRemaining()) {
                        if (!staging.hasRemaining()) {
                            flush();
                        }
                        int chunk = Math.min(staging.remaining(), b.remaining());
                        staging.put(b.slice(b.position(), chunk));
                        b.position(b.position() + chunk);
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                cancel();
            }
        }
    }

    private void flush() throws IOException {
        staging.flip();
        while (staging.hasRemaining()) {
            position += target.channel().write(staging, position);
        }
        staging.clear();
        target.written(position - target.offset());
    }

    @Override
    public synchronized void onError(Throwable error) {
        fail(error);
    }

    @Override
    public synchronized void onComplete() {
        if (result.isDone()) {
            return;
        }
        stopTimer();
        try {
            flush();
            result.complete(SpooledBody.writtenElsewhere(received));
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    protected void timedOut() {
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            fail(new HttpTimeoutException("no bytes of the range starting at " + target.offset() + " arrived for the read"
                    + " timeout after " + received + " bytes"));
        }
        cancel();
    }

    private void fail(Throwable error) {
        stopTimer();
        result.completeExceptionally(error);
    }
}
