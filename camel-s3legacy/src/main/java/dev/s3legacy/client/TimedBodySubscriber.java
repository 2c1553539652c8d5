package dev.s3legacy.client;

import java.net.http.HttpResponse.BodySubscriber;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * What every body subscriber here shares: a result, unbounded demand (the subclasses consume each buffer
 * as it arrives, so the client cannot outrun them, and asking for one buffer at a time costs a thread
 * hand-off per buffer), and the idle-read timeout that calls {@link #timedOut()} when the body stalls.
 */
abstract class TimedBodySubscriber implements BodySubscriber<SpooledBody> {

    protected final CompletableFuture<SpooledBody> result = new CompletableFuture<>();
    private final IdleTimeout idle;
    private volatile Flow.Subscription subscription;

    /** @param readTimeouts the connection's idle-read timeouts, or null for none */
    TimedBodySubscriber(IdleTimeout.Sweeper readTimeouts) {
        this.idle = readTimeouts == null ? null : readTimeouts.newTimeout(this::timedOut);
    }

    @Override
    public final CompletionStage<SpooledBody> getBody() {
        return result;
    }

    @Override
    public final void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (idle != null) {
            idle.start();
        }
        subscription.request(Long.MAX_VALUE);
    }

    /** Bytes arrived: the idle time starts again. */
    protected final void touch() {
        if (idle != null) {
            idle.touch();
        }
    }

    protected final void stopTimer() {
        if (idle != null) {
            idle.stop();
        }
    }

    /** Stops the transfer (after a timeout or a local failure). */
    protected final void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** No bytes arrived for the read timeout. */
    protected abstract void timedOut();
}
