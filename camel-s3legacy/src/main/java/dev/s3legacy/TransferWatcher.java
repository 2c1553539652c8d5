package dev.s3legacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.s3legacy.client.ProgressListener;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3Request;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.TransferMeter;
import dev.s3legacy.client.TransferProgress;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the transfers of one endpoint (uploads, downloads, multipart copies) so an operator sees a long one
 * move: every {@code progressInterval} a task on the component's timer takes a snapshot of each transfer
 * running that long, logs it at INFO and hands it to the {@code progressListener}; when a transfer ends, its
 * task is cancelled, a transfer that was logged gets a final line with its total time, and the listener its
 * final snapshot, which also goes on the message as header {@link S3LegacyConstants#TRANSFER_PROGRESS}.
 * A transfer shorter than the interval logs nothing. {@code progressInterval=0} watches nothing.
 */
final class TransferWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(TransferWatcher.class);

    private final ScheduledExecutorService timer;
    private final long intervalMillis;
    private final ProgressListener listener;
    private final Set<Watch> running = ConcurrentHashMap.newKeySet();

    TransferWatcher(ScheduledExecutorService timer, long intervalMillis, ProgressListener listener) {
        this.timer = timer;
        this.intervalMillis = intervalMillis;
        this.listener = listener;
    }

    /** A transfer that starts now, or null when progress is off. */
    Watch start(TransferProgress.Direction direction, String bucket, String key, long total) {
        if (intervalMillis <= 0) {
            return null;
        }
        Watch watch = new Watch(new TransferMeter(bucket, key, direction, total));
        running.add(watch);
        synchronized (watch) { // end() on another thread must see the task to cancel
            try {
                watch.ticks = timer.scheduleAtFixedRate(watch::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the component is stopping: the transfer runs unwatched
            }
        }
        return watch;
    }

    /**
     * Sends a GET counted as a download (only a spooled one: an unspooled body is read by the route later, at
     * its own pace); its final snapshot goes on {@code message}.
     */
    CompletableFuture<S3Response> download(S3Connection s3, S3Request<S3Response> get, Message message) {
        Watch watch = s3.config().spoolDownloads() ? start(TransferProgress.Direction.DOWNLOAD, get.bucket(), get.key(), -1) : null;
        if (watch == null) {
            return s3.executeAsync(get);
        }
        CompletableFuture<S3Response> sent;
        try {
            sent = s3.executeAsync(get.progress(watch.meter()));
        } catch (RuntimeException e) {
            watch.end(e);
            throw e;
        }
        return endWith(watch, sent, message);
    }

    /** {@code transfer} once {@code watch} (null: nothing watched) has ended with it and its final snapshot is on {@code message}. */
    static <T> CompletableFuture<T> endWith(Watch watch, CompletableFuture<T> transfer, Message message) {
        if (watch == null) {
            return transfer;
        }
        return transfer.whenComplete((result, error) -> watch.end(error, message));
    }

    /** Snapshots of the transfers running now, oldest first. */
    List<TransferProgress> inProgress() {
        List<TransferProgress> now = new ArrayList<>();
        for (Watch w : running) {
            TransferProgress p = w.now();
            if (p != null) {
                now.add(p);
            }
        }
        now.sort(Comparator.comparing(TransferProgress::started));
        return now;
    }

    /** How many transfers have a tick task scheduled (0 once every transfer ended): for tests. */
    int scheduledTicks() {
        int n = 0;
        for (Watch w : running) {
            n += w.hasTicks() ? 1 : 0;
        }
        return n;
    }

    /** The endpoint stops: no more ticks (transfers still running end as usual, with their final snapshot). */
    void stop() {
        running.forEach(Watch::cancelTicks);
    }

    /** One watched transfer: its meter and its tick task. Ticks and the end take turns on this object. */
    final class Watch {
        private final TransferMeter meter;
        private ScheduledFuture<?> ticks;
        private TransferProgress last;
        private boolean logged;
        private boolean ended;

        Watch(TransferMeter meter) {
            this.meter = meter;
        }

        TransferMeter meter() {
            return meter;
        }

        synchronized void tick() {
            if (ended) {
                return;
            }
            last = meter.snapshot(last, TransferProgress.State.RUNNING);
            logged = true;
            LOG.info("{}", last);
            tell(last);
        }

        /** Ends the transfer (a failure when {@code error} is not null); only the first call counts. */
        TransferProgress end(Throwable error) {
            return end(error, null);
        }

        synchronized TransferProgress end(Throwable error, Message message) {
            if (ended) {
                return last;
            }
            ended = true;
            cancelTicks();
            running.remove(this);
            last = meter.snapshot(last, error == null ? TransferProgress.State.COMPLETED : TransferProgress.State.FAILED);
            if (logged) {
                LOG.info("{}", last);
            }
            tell(last);
            if (message != null) {
                message.setHeader(S3LegacyConstants.TRANSFER_PROGRESS, last);
            }
            return last;
        }

        /** A snapshot for the dev console and JMX (rate since the last tick); null once ended. */
        synchronized TransferProgress now() {
            return ended ? null : meter.snapshot(last, TransferProgress.State.RUNNING);
        }

        synchronized boolean hasTicks() {
            return ticks != null && !ticks.isDone();
        }

        synchronized void cancelTicks() {
            if (ticks != null) {
                ticks.cancel(false);
            }
        }

        private void tell(TransferProgress progress) {
            if (listener == null) {
                return;
            }
            try {
                listener.onProgress(progress);
            } catch (RuntimeException e) {
                LOG.warn("progressListener failed on {}: {}", progress, e.toString());
            }
        }
    }
}
