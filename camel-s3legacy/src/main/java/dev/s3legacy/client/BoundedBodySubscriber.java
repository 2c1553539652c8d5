package dev.s3legacy.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the first bytes of a body (an error document) and drains the rest, so a huge error page costs no
 * memory. A body that stalls for the idle-read timeout is cut off: what arrived describes the failure.
 */
final class BoundedBodySubscriber extends TimedBodySubscriber {

    private final byte[] kept;
    private int length;

    BoundedBodySubscriber(int limit) {
        this(limit, null);
    }

    BoundedBodySubscriber(int limit, IdleTimeout.Sweeper readTimeouts) {
        super(readTimeouts);
        this.kept = new byte[limit];
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        touch();
        for (ByteBuffer b : buffers) {
            int n = Math.min(b.remaining(), kept.length - length);
            b.get(kept, length, n);
            length += n;
        }
    }

    @Override
    public void onError(Throwable error) {
        // What arrived is still the best description of the failure.
        done();
    }

    @Override
    public void onComplete() {
        done();
    }

    @Override
    protected void timedOut() {
        done();
        cancel();
    }

    private synchronized void done() {
        stopTimer();
        result.complete(SpooledBody.inMemory(Arrays.copyOf(kept, length), length));
    }
}
