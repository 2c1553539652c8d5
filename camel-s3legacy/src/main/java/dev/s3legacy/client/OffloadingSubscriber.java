package dev.s3legacy.client;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a body subscriber that writes to disk off the HTTP client's selector thread: the client runs its
 * own stages inline (see {@link HttpTransport}), so buffers arrive on the thread that reads the sockets of
 * every connection, which must never wait for a disk. Buffers are queued and handed, in order and one
 * drain at a time, to the subscriber on a worker; at most {@link #WINDOW} batches are asked for ahead of
 * what the worker has consumed, so a disk slower than the network slows the transfer instead of growing
 * the queue.
 */
final class OffloadingSubscriber<T> implements BodySubscriber<T> {

    /** Batches of network buffers (each a few 16 KiB reads) asked for ahead of the writer. */
    static final int WINDOW = 16;
    private static final Object COMPLETE = new Object();

    private record Failed(Throwable error) {
    }

    private final BodySubscriber<T> delegate;
    private final Executor executor;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Flow.Subscription upstream;
    private volatile boolean cancelled;

    OffloadingSubscriber(BodySubscriber<T> delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    @Override
    public CompletionStage<T> getBody() {
        return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        // the delegate asks for everything; what it gets is paced here
        delegate.onSubscribe(new Flow.Subscription() {
            public void request(long n) {
            }

            public void cancel() {
                cancelled = true;
                subscription.cancel();
            }
        });
        subscription.request(WINDOW);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        submit(item);
    }

    @Override
    public void onError(Throwable throwable) {
        submit(new Failed(throwable));
    }

    @Override
    public void onComplete() {
        submit(COMPLETE);
    }

    private void submit(Object item) {
        queue.add(item);
        if (pending.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drain(); // the pool is stopping: finish here rather than lose the end of the body
            }
        }
    }

    /** One item per count, in arrival order; only one drain runs at a time. */
    @SuppressWarnings("unchecked")
    private void drain() {
        do {
            Object item = queue.poll();
            if (item == COMPLETE) {
                delegate.onComplete();
            } else if (item instanceof Failed f) {
                delegate.onError(f.error());
            } else if (item != null) {
                delegate.onNext((List<ByteBuffer>) item);
                if (!cancelled) {
                    upstream.request(1);
                }
            }
        } while (pending.decrementAndGet() != 0);
    }
}
