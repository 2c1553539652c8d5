package dev.s3legacy.client;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body subscriber that writes to disk gets its buffers on a worker, in order, never on the thread that
 * delivered them (the client's selector thread); the client is asked for a bounded window of batches ahead.
 */
class OffloadingSubscriberTest {

    @Test
    void buffersReachTheSubscriberInOrderOnAWorkerWithBoundedDemand() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        HttpResponse.BodySubscriber<String> recording = HttpResponse.BodySubscribers.fromSubscriber(new Flow.Subscriber<List<ByteBuffer>>() {
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(List<ByteBuffer> item) {
                threads.add(Thread.currentThread().getName());
                seen.add(new String(item.get(0).array()));
            }

            public void onError(Throwable t) {
            }

            public void onComplete() {
                threads.add(Thread.currentThread().getName());
                seen.add("end");
            }
        }, s -> "done");
        ExecutorService workers = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
        AtomicLong requested = new AtomicLong();
        OffloadingSubscriber<String> offloading = new OffloadingSubscriber<>(recording, workers);
        Thread selector = new Thread(() -> {
            offloading.onSubscribe(new Flow.Subscription() {
                public void request(long n) {
                    requested.addAndGet(n);
                }

                public void cancel() {
                }
            });
            for (int i = 0; i < 100; i++) {
                offloading.onNext(List.of(ByteBuffer.wrap(("b" + i).getBytes())));
            }
            offloading.onComplete();
        }, "HttpClient-1-SelectorManager");
        selector.start();
        selector.join();
        CompletionStage<String> body = offloading.getBody();
        assertThat(body.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("done");
        workers.shutdown();
        assertThat(seen).hasSize(101).startsWith("b0", "b1", "b2").endsWith("b99", "end");
        assertThat(threads).containsOnly("worker");
        assertThat(requested.get()).as("the window, then one per batch consumed").isEqualTo(OffloadingSubscriber.WINDOW + 100);
    }
}
