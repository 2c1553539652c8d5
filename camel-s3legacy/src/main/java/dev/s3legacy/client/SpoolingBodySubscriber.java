package dev.s3legacy.client;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Receives a response body from the HTTP client without blocking a thread on the network: small bodies
 * stay in memory, large ones go to a temporary file, which is deleted if the transfer fails. A body
 * that stalls for the idle-read timeout fails with {@link HttpTimeoutException}; one whose MD5 differs
 * from the expected one (the ETag of a single-part object) fails with {@link DigestMismatchException}.
 */
final class SpoolingBodySubscriber extends TimedBodySubscriber {

    private final Spooler spooler;
    private final String expectedMd5Hex;
    private final Duration readTimeout;
    /** Where the bytes received are counted (a GET whose progress is watched), or null. */
    private final TransferMeter.Segment received;

    SpoolingBodySubscriber(long threshold, Path directory) {
        this(threshold, directory, null, null);
    }

    SpoolingBodySubscriber(long threshold, Path directory, String expectedMd5Hex, IdleTimeout.Sweeper readTimeouts) {
        this(threshold, directory, expectedMd5Hex, readTimeouts, null);
    }

    /**
     * @param expectedMd5Hex the hex MD5 the body must have, or null for no check
     * @param readTimeouts   the connection's idle-read timeouts, or null for none
     * @param received       where the body's bytes are counted as they arrive, or null
     */
    SpoolingBodySubscriber(long threshold, Path directory, String expectedMd5Hex, IdleTimeout.Sweeper readTimeouts,
                           TransferMeter.Segment received) {
        super(readTimeouts);
        this.received = received;
        this.spooler = new Spooler(threshold, directory);
        this.expectedMd5Hex = expectedMd5Hex;
        if (expectedMd5Hex != null) {
            spooler.digestMd5();
        }
        this.readTimeout = readTimeouts == null ? null : readTimeouts.timeout();
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (this) {
            if (result.isDone()) {
                return; // timed out meanwhile; the subscription is cancelled
            }
            touch();
            try {
                for (ByteBuffer b : buffers) {
                    spooler.write(b);
                }
                if (received != null) {
                    received.reached(spooler.length());
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                cancel();
            }
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        fail(error);
    }

    @Override
    public synchronized void onComplete() {
        if (result.isDone()) {
            return;
        }
        stopTimer();
        try {
            SpooledBody body = spooler.finish();
            if (expectedMd5Hex != null && !expectedMd5Hex.equalsIgnoreCase(spooler.md5Hex())) {
                body.close();
                result.completeExceptionally(new DigestMismatchException(expectedMd5Hex, spooler.md5Hex(), body.length()));
                return;
            }
            result.complete(body);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    protected void timedOut() {
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            fail(new HttpTimeoutException("no bytes of the response body arrived for " + readTimeout.toMillis()
                    + " ms (read timeout) after " + spooler.length() + " bytes"));
        }
        cancel();
    }

    private void fail(Throwable error) {
        stopTimer();
        spooler.close();
        result.completeExceptionally(error);
    }

    /** The body arrived whole but its MD5 is not the one the server announced. */
    static final class DigestMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        DigestMismatchException(String expected, String actual, long length) {
            super("MD5 of the " + length + " bytes received is " + actual + ", the ETag says " + expected);
        }
    }
}
