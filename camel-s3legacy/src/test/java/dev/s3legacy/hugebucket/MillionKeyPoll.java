package dev.s3legacy.hugebucket;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import dev.s3legacy.S3LegacyConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The first poll of a 1,000,000-key listing, in a JVM of its own (the measurement forks it with -Xmx128m):
 * the stub server and one consumer (deleteAfterRead=true, includeBody=false: a HEAD and a DELETE per object, so
 * the done-set stays empty and what is measured is what the poll itself holds). Prints one line: the time of the
 * poll, the largest heap in use right after a GC during it, the heap after a GC at its end, and the requests.
 */
public final class MillionKeyPoll {

    public static void main(String[] args) throws Exception {
        int keys = Integer.parseInt(args[0]);
        AtomicLong delivered = new AtomicLong();
        AtomicLong maxAfterGc = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long[] started = new long[1];
        try (StubListingServer stub = new StubListingServer(keys)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("s3legacy:big?endpoint=" + stub.endpoint() + "&accessKey=AKIASTUB&secretKey=stub&deleteAfterRead=true"
                            + "&includeBody=false&initialDelay=0&delay=3600000").routeId("big")
                            .process(e -> {
                                long n = delivered.incrementAndGet();
                                if (n % 100_000 == 0) {
                                    System.out.printf("MILLION-KEY-PROGRESS delivered=%d after %d ms, maxHeapAfterGc so far %.1f MiB%n", n,
                                            (System.nanoTime() - started[0]) / 1_000_000, maxAfterGc.get() / 1048576.0);
                                }
                                if (n == keys) {
                                    done.countDown();
                                }
                            });
                }
            });
            Thread sampler = new Thread(() -> {
                while (done.getCount() > 0) {
                    maxAfterGc.accumulateAndGet(usedAfterLastGc(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            long start = System.nanoTime();
            started[0] = start;
            context.start();
            sampler.start();
            done.await();
            long millis = (System.nanoTime() - start) / 1_000_000;
            S3LegacyConsumer consumer = (S3LegacyConsumer) context.getRoute("big").getConsumer();
            System.gc();
            long heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("MILLION-KEY-POLL keys=%d delivered=%d time=%d ms (%.0f objects/s) maxHeapAfterGcDuringPoll=%.1f MiB"
                            + " heapAfterGcAtEnd=%.1f MiB maxHeap=%.0f MiB listings=%d heads=%d deletes=%d defaultRepository=%d inFlight=%d%n",
                    keys, delivered.get(), millis, keys * 1000.0 / millis, maxAfterGc.get() / 1048576.0, heapAfter / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0, stub.listings.get(), stub.heads.get(), stub.deletes.get(),
                    consumer.getDefaultRepositorySize(), consumer.getInFlightCount());
            context.stop();
        }
    }

    /** Heap in use right after the most recent collection of each heap pool. */
    private static long usedAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    private MillionKeyPoll() {
    }
}
