package dev.s3legacy.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fires once when no activity was seen for a given time: the idle-read timeout of a response body.
 * One timer task per body at a time, rescheduled for the remaining time when it wakes up early, so
 * activity costs a volatile write and no scheduling. Timer tasks run on one shared daemon thread and
 * only cancel and fail a transfer, which is cheap.
 */
final class IdleTimeout {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private volatile long lastActivity;
    private volatile boolean stopped;
    private ScheduledFuture<?> pending;

    IdleTimeout(Duration timeout, Runnable onTimeout) {
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "s3legacy-read-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    void start() {
        lastActivity = System.nanoTime();
        schedule(timeoutNanos);
    }

    /** Bytes arrived: the idle time starts again. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> p;
        synchronized (this) {
            p = pending;
        }
        if (p != null) {
            p.cancel(false);
        }
    }

    private synchronized void schedule(long delayNanos) {
        if (!stopped) {
            pending = TIMER.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle >= timeoutNanos) {
            stopped = true;
            onTimeout.run();
        } else {
            schedule(timeoutNanos - idle);
        }
    }
}
