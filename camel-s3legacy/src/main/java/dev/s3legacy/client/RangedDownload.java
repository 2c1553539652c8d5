package dev.s3legacy.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A GET of a whole object as parallel ranged GETs into one spool file, as {@code aws s3 cp} and s5cmd do:
 * on a real network one TCP connection rarely carries more than ~100 MB/s, several carry several times that.
 *
 * <p>The first request asks for the first {@link S3ClientConfig#downloadPartSize()} bytes; its
 * {@code Content-Range} gives the object's length (no extra HEAD). An object that fits is done (answered as a
 * plain 200). Otherwise the first range's spool file becomes the download's file and the other ranges are
 * fetched {@link S3ClientConfig#downloadConcurrency()} at once, each written at its offset, each sent with
 * {@code If-Match} of the first response's ETag, so an object rewritten meanwhile fails the download
 * (412) instead of mixing two versions. Each range's length and position are checked; the whole file's MD5
 * is checked where the ETag is one, digested range by range as they land ({@link OrderedDigest}). Any failure aborts the ranges in transfer, deletes the file and fails
 * the download with the first failure. A store that ignores Range (200) is answered whole as it came; an
 * empty object (416: nothing to range over), or a 206 without a usable {@code Content-Range}, is fetched
 * by a plain GET.
 */
final class RangedDownload {

    private final RequestPipeline pipeline;
    private final S3ClientConfig config;
    /** Where the whole file's MD5 is computed, range by range as they land (reads of the file, not for the network threads). */
    private final Executor blocking;

    RangedDownload(RequestPipeline pipeline, S3ClientConfig config, Executor blocking) {
        this.pipeline = pipeline;
        this.config = config;
        this.blocking = blocking;
    }

    /** Whether the request is a whole-object GET this class fetches in ranges. */
    static boolean applies(S3Request<?> request, S3ClientConfig config) {
        return request.operation() == S3Operation.GET && config.downloadPartSize() > 0 && config.spoolDownloads()
                && request.rangeTarget() == null && !request.headers().contains("Range");
    }

    CompletableFuture<S3Response> send(S3Request<S3Response> get) {
        S3Request<S3Response> first = get.copy().header("Range", ContentRange.request(0, config.downloadPartSize())).firstRange();
        return pipeline.send(first).handle((response, error) -> {
            if (error == null) {
                return afterFirst(get, response);
            }
            Throwable t = ResponseClassifier.unwrap(error);
            if (t instanceof S3LegacyException e && e.getStatusCode() == 416) {
                return pipeline.send(get); // an empty object: no first byte to ask for
            }
            return CompletableFuture.<S3Response>failedFuture(t);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<S3Response> afterFirst(S3Request<S3Response> get, S3Response response) {
        if (response.statusCode() != 206) {
            return CompletableFuture.completedFuture(response); // 200: the store sent it whole; 304: not modified
        }
        ContentRange range = ContentRange.parse(response.header("Content-Range"));
        if (range == null || range.total() < 0) {
            // a 206 that does not say what it holds of how much (s3proxy answers so for folder placeholders):
            // nothing to build on, so the object is asked for whole
            response.close();
            return pipeline.send(get);
        }
        if (range.first() != 0 || range.length() != response.body().length()) {
            response.close();
            return CompletableFuture.failedFuture(invalid(get, response, "the first range's Content-Range '"
                    + response.header("Content-Range") + "' does not match the " + response.body().length() + " bytes sent"));
        }
        if (range.isWhole()) {
            return CompletableFuture.completedFuture(whole(response, response.body()));
        }
        return new Transfer(get, response, range.total()).start();
    }

    /** The first response as the answer to a plain GET: status 200, the whole length, no Content-Range. */
    private static S3Response whole(S3Response first, SpooledBody body) {
        Headers headers = first.headers().copy();
        headers.remove("Content-Range");
        headers.set("Content-Length", Long.toString(body.length()));
        return new S3Response(200, headers, body);
    }

    private static S3LegacyException invalid(S3Request<?> get, S3Response response, String detail) {
        return new Outcome.InvalidResponse(response.statusCode(), detail, response.requestId(), null).toException(get);
    }

    /** One download past its first range: the shared file, the ranges still to fetch, the first failure. */
    final class Transfer {
        private final S3Request<S3Response> get;
        private final S3Response first;
        private final long total;
        private final long part;
        private final int ranges;
        private final String eTag;
        private final AtomicInteger next = new AtomicInteger(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** The download's meter (the first range counted itself as it arrived), or null when nobody watches. */
        private final TransferMeter meter;
        private volatile boolean aborted;
        private Path file;
        private FileChannel channel;
        /** The MD5 the whole object must have (its ETag is one), or null: nothing to check. */
        private final String expectedMd5;
        /** Digests the ranges in order as they land, when there is an MD5 to check. */
        private OrderedDigest digest;

        Transfer(S3Request<S3Response> get, S3Response first, long total) {
            this.get = get;
            this.first = first;
            this.total = total;
            this.part = first.body().length();
            this.ranges = (int) ((total + part - 1) / part);
            this.eTag = first.eTag();
            this.expectedMd5 = config.verifyDownloads() ? RequestPipeline.md5ETag(first::header) : null;
            TransferMeter.Segment counted = get.progress();
            this.meter = counted == null ? null : counted.meter();
            if (meter != null) {
                meter.total(total);
            }
        }

        boolean aborted() {
            return aborted;
        }

        CompletableFuture<S3Response> start() {
            try {
                open();
            } catch (IOException | RuntimeException e) {
                failure.set(e);
                return finish();
            }
            if (expectedMd5 != null) {
                digest = new OrderedDigest(file, total, part, blocking);
                digest.landed(0);
            }
            int lanes = Math.min(config.downloadConcurrency(), ranges - 1);
            CompletableFuture<?>[] all = new CompletableFuture<?>[lanes];
            for (int i = 0; i < lanes; i++) {
                all[i] = lane();
            }
            return CompletableFuture.allOf(all).handle((v, e) -> finish()).thenCompose(f -> f);
        }

        /** The first range's spool file becomes the download's file (or, held in memory, is written to a new one). */
        private void open() throws IOException {
            SpooledBody body = first.body();
            if (body.isSpooled()) {
                file = body.file();
            } else {
                Files.createDirectories(config.spoolDirectory());
                file = Files.createTempFile(config.spoolDirectory(), Spooler.FILE_PREFIX, Spooler.FILE_SUFFIX);
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            if (!body.isSpooled()) {
                ByteBuffer head = ByteBuffer.wrap(body.bytes());
                while (head.hasRemaining()) {
                    channel.write(head, head.position());
                }
            }
        }

        /** Fetches ranges one after the other until none is left or the download failed. */
        private CompletableFuture<Void> lane() {
            int index = next.getAndIncrement();
            if (index >= ranges || aborted) {
                return CompletableFuture.completedFuture(null);
            }
            long offset = index * part;
            long length = Math.min(part, total - offset);
            S3Request<S3Response> range = get.copy().header("Range", ContentRange.request(offset, length))
                    .rangeTarget(new RangeTarget(channel, offset, length, this, meter == null ? null : meter.segment()));
            if (eTag != null) {
                range.header("If-Match", "\"" + eTag + "\"");
            }
            CompletableFuture<S3Response> sent;
            try {
                sent = pipeline.send(range);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            return sent.handle((response, error) -> {
                if (error != null) {
                    abort(ResponseClassifier.unwrap(error));
                } else {
                    String wrong = check(response, offset, length);
                    if (wrong != null) {
                        abort(invalid(get, response, wrong));
                    } else if (digest != null) {
                        digest.landed(index);
                    }
                }
                return null;
            }).thenCompose(v -> lane());
        }

        /** Why a range's response is not the bytes asked for, or null. */
        private String check(S3Response response, long offset, long length) {
            ContentRange range = ContentRange.parse(response.header("Content-Range"));
            if (response.statusCode() != 206 || range == null || range.first() != offset || range.length() != length
                    || range.total() != total) {
                return "asked for " + length + " bytes at " + offset + " of " + total + ", got status " + response.statusCode()
                        + " with Content-Range '" + response.header("Content-Range") + "'";
            }
            if (response.body().length() != length) {
                return "the range at " + offset + " brought " + response.body().length() + " of its " + length + " bytes";
            }
            return null;
        }

        private void abort(Throwable error) {
            failure.compareAndSet(null, error);
            aborted = true;
        }

        private CompletableFuture<S3Response> finish() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                failure.compareAndSet(null, e);
            }
            Throwable error = failure.get();
            if (error != null) {
                discard();
                return CompletableFuture.failedFuture(describe(error));
            }
            if (digest == null) {
                return CompletableFuture.completedFuture(whole(first, SpooledBody.inFile(file, total)));
            }
            // every range has landed: the digest finishes the last of them
            return digest.result().handle((actual, e) -> {
                if (e == null && expectedMd5.equalsIgnoreCase(actual)) {
                    return CompletableFuture.completedFuture(whole(first, SpooledBody.inFile(file, total)));
                }
                discard();
                return CompletableFuture.<S3Response>failedFuture(e != null ? describe(ResponseClassifier.unwrap(e))
                        : new Outcome.DigestMismatch(new SpoolingBodySubscriber.DigestMismatchException(expectedMd5, actual, total)
                                .getMessage(), null).toException(get));
            }).thenCompose(f -> f);
        }

        /** Deletes the file: no partial download is ever left behind. */
        private void discard() {
            if (digest != null) {
                digest.stop();
            }
            first.close();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }

        /** The download's failure as the caller sees it: a rewrite during the download says so. */
        private Throwable describe(Throwable error) {
            if (error instanceof S3LegacyException e && e.getStatusCode() == 412 && eTag != null) {
                return new S3LegacyException("GET", 412, e.getErrorCode(), "the object changed during the download: a later"
                        + " range no longer matched ETag " + eTag + " of the first (rewritten meanwhile); nothing was kept",
                        e.getRequestId(), get.resource(), e.getErrorDocument(), e, true);
            }
            if (error instanceof S3LegacyException || error instanceof RuntimeException && !(error instanceof java.io.UncheckedIOException)) {
                return error;
            }
            Throwable cause = error instanceof java.io.UncheckedIOException u ? u.getCause() : error;
            return new Outcome.TransportError(Outcome.TransportKind.CONNECTION_FAILED, S3LegacyException.NO_RESPONSE,
                    "the download's spool file failed: " + cause.getMessage(), cause).toException(get);
        }
    }
}
