package dev.s3legacy.client;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * An upload body whose bytes are counted on a {@link TransferMeter} as the HTTP client takes them: one add per
 * buffer on the client's thread, no copy. Each subscription is one attempt, counted from its start; the segment
 * counts what a retry sends again only once.
 */
final class CountingPublisher implements BodyPublisher {

    private final BodyPublisher delegate;
    private final TransferMeter.Segment sent;

    CountingPublisher(BodyPublisher delegate, TransferMeter.Segment sent) {
        this.delegate = delegate;
        this.sent = sent;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
            /** Bytes of this attempt; onNext calls are serial (Flow's rule), so a plain field will do. */
            private long bytes;

            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            public void onNext(ByteBuffer item) {
                bytes += item.remaining();
                subscriber.onNext(item);
                sent.reached(bytes);
            }

            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
