package dev.s3legacy.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires once when no activity was seen for a given time: the idle-read timeout of a response body.
 * Starting, touching and stopping a timeout is a set insertion, a volatile write and a removal; one
 * {@link Sweeper} per connection checks them a few times a second on the connection's scheduler, and
 * only while some body is in transfer (a timer task per body would wake the timer thread twice for every
 * small request; a sweep that never stops would wake it for ever).
 */
final class IdleTimeout {

    /** How often the sweep runs: a timeout fires at most this much later than due. */
    static final long SWEEP_MILLIS = 50;

    private final Sweeper sweeper;
    private final long timeoutNanos;
    private final Runnable onTimeout;
    private volatile long lastActivity;

    private IdleTimeout(Sweeper sweeper, Runnable onTimeout) {
        this.sweeper = sweeper;
        this.timeoutNanos = sweeper.timeout.toNanos();
        this.onTimeout = onTimeout;
    }

    void start() {
        lastActivity = System.nanoTime();
        sweeper.add(this);
    }

    /** Bytes arrived: the idle time starts again. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    void stop() {
        sweeper.active.remove(this);
    }

    /** The idle timeouts of one connection's bodies, swept on its scheduler while any is active. */
    static final class Sweeper {
        private final Duration timeout;
        private final ScheduledExecutorService scheduler;
        private final Set<IdleTimeout> active = ConcurrentHashMap.newKeySet();
        private ScheduledFuture<?> task;

        Sweeper(Duration timeout, ScheduledExecutorService scheduler) {
            this.timeout = timeout;
            this.scheduler = scheduler;
        }

        Duration timeout() {
            return timeout;
        }

        IdleTimeout newTimeout(Runnable onTimeout) {
            return new IdleTimeout(this, onTimeout);
        }

        private void add(IdleTimeout t) {
            active.add(t);
            synchronized (this) {
                if (task == null) {
                    try {
                        task = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        // the connection is closing: nothing is left to time
                    }
                }
            }
        }

        private void sweep() {
            long now = System.nanoTime();
            for (IdleTimeout t : active) {
                if (now - t.lastActivity >= t.timeoutNanos && active.remove(t)) {
                    try {
                        t.onTimeout.run();
                    } catch (RuntimeException e) {
                        // a failing callback must not stop the sweeps of every other transfer
                    }
                }
            }
            synchronized (this) {
                // add() registers before it looks at the task, so a body added now is seen by a new task
                if (active.isEmpty() && task != null) {
                    task.cancel(false);
                    task = null;
                }
            }
        }

        /** Timeouts being watched, for tests. */
        int activeCount() {
            return active.size();
        }
    }
}
