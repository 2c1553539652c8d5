package dev.s3legacy.client;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Receives a response body from the HTTP client without blocking a thread on the network: small bodies
 * stay in memory, large ones go to a temporary file, which is deleted if the transfer fails.
 */
final class SpoolingBodySubscriber implements BodySubscriber<SpooledBody> {

    private final CompletableFuture<SpooledBody> result = new CompletableFuture<>();
    private final Spooler spooler;
    private Flow.Subscription subscription;

    SpoolingBodySubscriber(long threshold, Path directory) {
        this.spooler = new Spooler(threshold, directory);
    }

    @Override
    public CompletionStage<SpooledBody> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer b : buffers) {
                spooler.write(b);
            }
            subscription.request(1);
        } catch (IOException | RuntimeException e) {
            subscription.cancel();
            fail(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
    }

    @Override
    public void onComplete() {
        if (result.isDone()) {
            return;
        }
        try {
            result.complete(spooler.finish());
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(Throwable error) {
        spooler.close();
        result.completeExceptionally(error);
    }
}
