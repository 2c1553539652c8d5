package dev.s3legacy.client;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of a body (an error document) and drains the rest, so a huge error page costs no
 * memory. A body that stalls for the idle-read timeout is cut off: what arrived describes the failure.
 */
final class BoundedBodySubscriber implements BodySubscriber<SpooledBody> {

    private final CompletableFuture<SpooledBody> result = new CompletableFuture<>();
    private final byte[] kept;
    private final IdleTimeout idle;
    private int length;
    private volatile Flow.Subscription subscription;

    BoundedBodySubscriber(int limit) {
        this(limit, null);
    }

    BoundedBodySubscriber(int limit, Duration readTimeout) {
        this.kept = new byte[limit];
        this.idle = readTimeout == null ? null : new IdleTimeout(readTimeout, this::timedOut);
    }

    @Override
    public CompletionStage<SpooledBody> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (idle != null) {
            idle.start();
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (idle != null) {
            idle.touch();
        }
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

    private void timedOut() {
        done();
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private synchronized void done() {
        if (idle != null) {
            idle.stop();
        }
        result.complete(SpooledBody.inMemory(Arrays.copyOf(kept, length), length));
    }
}
