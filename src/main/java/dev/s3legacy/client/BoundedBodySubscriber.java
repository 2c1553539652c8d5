package dev.s3legacy.client;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Keeps the first bytes of a body (an error document) and drains the rest, so a huge error page costs no memory. */
final class BoundedBodySubscriber implements BodySubscriber<SpooledBody> {

    private final CompletableFuture<SpooledBody> result = new CompletableFuture<>();
    private final byte[] kept;
    private int length;
    private Flow.Subscription subscription;

    BoundedBodySubscriber(int limit) {
        this.kept = new byte[limit];
    }

    @Override
    public CompletionStage<SpooledBody> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            int n = Math.min(b.remaining(), kept.length - length);
            b.get(kept, length, n);
            length += n;
        }
    }

    @Override
    public void onError(Throwable error) {
        // What arrived is still the best description of the failure.
        result.complete(SpooledBody.inMemory(Arrays.copyOf(kept, length), length));
    }

    @Override
    public void onComplete() {
        result.complete(SpooledBody.inMemory(Arrays.copyOf(kept, length), length));
    }
}
