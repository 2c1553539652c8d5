package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Hands a response body over as the network stream itself (spoolDownloads=false): the response completes
 * with its headers, and the reader pulls the body one batch of network buffers at a time, so memory stays
 * flat whatever the size. What spooling checks on arrival is checked as the stream ends: a body shorter or
 * longer than its Content-Length, or (for a whole single-part object) one whose MD5 is not its ETag, fails
 * the last read. A read that waits longer than the read timeout for bytes fails with
 * {@link HttpTimeoutException} and aborts the transfer; so does closing the stream before its end.
 */
final class StreamingBodySubscriber implements BodySubscriber<SpooledBody>, StreamTaker {

    /** Marks the end in the queue. */
    private static final List<ByteBuffer> END = List.of();

    /**
     * Batches of network buffers (each one or a few 16 KiB reads) asked for ahead of the reader: enough that
     * the client's thread and the reader do not wake each other for every read, few enough to keep memory
     * flat (a few hundred KiB per stream).
     */
    static final int WINDOW = 16;
    /** The batches asked for, and room for the end or an error after them. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(WINDOW + 1);
    private final CompletableFuture<SpooledBody> body = new CompletableFuture<>();
    private final long declaredLength;
    private final String expectedMd5Hex;
    private final Duration readTimeout;
    private volatile Flow.Subscription subscription;

    /**
     * @param declaredLength the Content-Length, or -1
     * @param expectedMd5Hex the hex MD5 the whole body must have, or null
     * @param readTimeout    longest wait for the next bytes
     */
    StreamingBodySubscriber(long declaredLength, String expectedMd5Hex, Duration readTimeout) {
        this.declaredLength = declaredLength;
        this.expectedMd5Hex = expectedMd5Hex;
        this.readTimeout = readTimeout;
        body.complete(SpooledBody.streaming(new Stream(), declaredLength));
    }

    @Override
    public CompletionStage<SpooledBody> getBody() {
        return body;
    }

    /** The blocking transport's stream, checked as it ends like the fed one (the queue is then not used). */
    @Override
    public SpooledBody take(InputStream network, Runnable abort) {
        return SpooledBody.streaming(new Taken(network, abort), declaredLength);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(WINDOW);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        queue.offer(buffers); // at most WINDOW batches are asked for ahead of the reader: there is always room
    }

    @Override
    public void onError(Throwable error) {
        queue.offer(error);
    }

    @Override
    public void onComplete() {
        queue.offer(END);
    }

    private final class Stream extends InputStream {
        private Iterator<ByteBuffer> batch = List.<ByteBuffer>of().iterator();
        private ByteBuffer current;
        private long received;
        private boolean ended;
        private boolean closed;
        private final MessageDigest md5 = expectedMd5Hex == null ? null : newMd5();

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("The body stream is closed");
            }
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            if (md5 != null) {
                md5.update(b, off, n);
            }
            return n;
        }

        /** Whether bytes are ready in {@link #current}; waits for the next batch, checks the end. */
        private boolean next() throws IOException {
            while (current == null || !current.hasRemaining()) {
                if (ended) {
                    return false;
                }
                if (batch.hasNext()) {
                    current = batch.next();
                    received += current.remaining();
                    continue;
                }
                Object item;
                try {
                    item = queue.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abort();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the response body");
                }
                if (item == null) {
                    abort();
                    throw new HttpTimeoutException("no bytes of the response body arrived for " + readTimeout.toMillis()
                            + " ms (read timeout) after " + received + " bytes");
                }
                if (item instanceof Throwable t) {
                    ended = true;
                    throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
                }
                if (item == END) {
                    ended = true;
                    checkEnd(received, md5);
                    return false;
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) item;
                batch = buffers.iterator();
                subscription.request(1);
            }
            return true;
        }

        @Override
        public int available() {
            return current == null ? 0 : current.remaining();
        }

        /** Before the end, this aborts the transfer (the connection is not reused). */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!ended) {
                    abort();
                }
            }
        }

        private void abort() {
            ended = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** The network stream itself: counted, digested and checked at its end; closed early, the connection is dropped. */
    private final class Taken extends InputStream {
        private final InputStream network;
        private final Runnable abort;
        private final MessageDigest md5 = expectedMd5Hex == null ? null : newMd5();
        private long received;
        private boolean ended;
        private boolean closed;

        Taken(InputStream network, Runnable abort) {
            this.network = network;
            this.abort = abort;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("The body stream is closed");
            }
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = network.read(b, off, len);
            } catch (IOException e) {
                ended = true;
                abort.run();
                throw e;
            }
            if (n < 0) {
                ended = true;
                try {
                    checkEnd(received, md5);
                } catch (IOException e) {
                    abort.run(); // a body that failed its checks does not leave its connection for reuse
                    throw e;
                }
                return -1;
            }
            received += n;
            if (md5 != null) {
                md5.update(b, off, n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return closed || ended ? 0 : network.available();
        }

        /** Before the end, this drops the connection instead of draining the rest of the body. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (!ended) {
                    abort.run();
                }
                try {
                    network.close();
                } catch (IOException e) {
                    // dropped above, or already failed: nothing left to release
                }
            }
        }
    }

    /** The checks of the end of either stream: its length against Content-Length, its MD5 against the ETag. */
    private void checkEnd(long received, MessageDigest md5) throws IOException {
        if (declaredLength >= 0 && received != declaredLength) {
            throw new IOException("received " + received + " bytes of " + declaredLength + " (Content-Length)");
        }
        if (md5 != null) {
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!expectedMd5Hex.equalsIgnoreCase(actual)) {
                throw new SpoolingBodySubscriber.DigestMismatchException(expectedMd5Hex, actual, received);
            }
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
