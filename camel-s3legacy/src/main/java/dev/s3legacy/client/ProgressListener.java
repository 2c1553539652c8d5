package dev.s3legacy.client;

/**
 * Told where a long transfer stands: on every progress interval while it runs, then once with its final
 * snapshot ({@link TransferProgress#isFinal()}), after which it is not called again for that transfer. Calls for
 * one transfer come one at a time, in order, with bytes done never going back. It runs on a timer thread that
 * also serves retries and timeouts (the ticks) or on the thread that completed the transfer (the final call):
 * it must return quickly and not block. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(TransferProgress progress);
}
