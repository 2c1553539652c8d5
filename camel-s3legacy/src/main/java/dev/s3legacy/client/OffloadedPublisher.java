package dev.s3legacy.client;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upload body that reads a file or a stream, published from a worker: the HTTP client asks for body
 * bytes from its selector thread (it runs its stages inline, see {@link HttpTransport}), and the reads
 * behind those requests (a disk, a user's InputStream) must not run there. Requests are forwarded to the
 * publisher on the executor, serially as the Flow contract wants.
 */
final class OffloadedPublisher implements BodyPublisher {

    private final BodyPublisher delegate;
    private final Executor executor;

    OffloadedPublisher(BodyPublisher delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Forwarding(subscription));
            }

            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
            }

            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }

    /** Adds up demand and forwards it from one task at a time on the executor. */
    private final class Forwarding implements Flow.Subscription {
        private final Flow.Subscription subscription;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger pending = new AtomicInteger();

        Forwarding(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void request(long n) {
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (pending.getAndIncrement() == 0) {
                try {
                    executor.execute(this::forward);
                } catch (RejectedExecutionException e) {
                    subscription.cancel();
                }
            }
        }

        private void forward() {
            do {
                long n = demand.getAndSet(0);
                if (n > 0) {
                    subscription.request(n);
                }
            } while (pending.decrementAndGet() != 0);
        }

        @Override
        public void cancel() {
            subscription.cancel();
        }
    }
}
