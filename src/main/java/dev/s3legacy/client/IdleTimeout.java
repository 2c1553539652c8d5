package dev.s3legacy.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fires once when no activity was seen for a given time: the idle-read timeout of a response body.
 * One shared daemon thread sweeps the bodies in transfer a few times a second; starting, touching and
 * stopping a timeout is a set insertion, a volatile write and a removal, with no thread to wake. (A
 * timer task per body would wake the timer thread twice for every small request.)
 */
final class IdleTimeout {

    /** How often the sweep runs: a timeout fires at most this much later than due. */
    static final long SWEEP_MILLIS = 50;

    private static final Set<IdleTimeout> ACTIVE = ConcurrentHashMap.newKeySet();

    static {
        ScheduledThreadPoolExecutor sweeper = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "s3legacy-read-timeout");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(IdleTimeout::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private volatile long lastActivity;

    IdleTimeout(Duration timeout, Runnable onTimeout) {
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
    }

    void start() {
        lastActivity = System.nanoTime();
        ACTIVE.add(this);
    }

    /** Bytes arrived: the idle time starts again. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    void stop() {
        ACTIVE.remove(this);
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (IdleTimeout t : ACTIVE) {
            if (now - t.lastActivity >= t.timeoutNanos && ACTIVE.remove(t)) {
                try {
                    t.onTimeout.run();
                } catch (RuntimeException e) {
                    // a failing callback must not stop the sweeps of every other transfer
                }
            }
        }
    }
}
