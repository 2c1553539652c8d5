package dev.s3legacy;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The consumer figures of one endpoint that the dev console and JMX show: objects delivered and failed, the
 * last listing request (when, how long) and the last error. Kept by the endpoint, so a route restart does not
 * reset them; the consumer updates them with one-line hooks.
 */
public final class ConsumerStatistics {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastListingTime;
    private volatile long lastListingMillis = -1;
    private volatile String lastError;
    private volatile Instant lastErrorTime;

    /** Runs one listing request and records when it started and how long it took (also when it failed). */
    <T> T listing(Supplier<T> request) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        try {
            return request.get();
        } finally {
            lastListingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            lastListingTime = started;
        }
    }

    /** An object handed to the route. */
    void delivered() {
        delivered.incrementAndGet();
    }

    /** An exchange that completed with a failure (its object stays and is delivered again). */
    void failed() {
        failed.incrementAndGet();
    }

    /** A failed poll or fetch. Exception messages of this component hold no secret. */
    void error(Throwable e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        lastErrorTime = Instant.now();
    }

    public long getDeliveredCount() {
        return delivered.get();
    }

    public long getFailedCount() {
        return failed.get();
    }

    /** Start of the last listing request; null before the first. */
    public Instant getLastListingTime() {
        return lastListingTime;
    }

    /** Duration of the last listing request in milliseconds; -1 before the first. */
    public long getLastListingMillis() {
        return lastListingMillis;
    }

    /** The last failed poll or fetch ({@code Type: message}); null when none failed yet. */
    public String getLastError() {
        return lastError;
    }

    public Instant getLastErrorTime() {
        return lastErrorTime;
    }
}
