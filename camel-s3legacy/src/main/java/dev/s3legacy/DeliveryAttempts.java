package dev.s3legacy;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.s3legacy.client.S3Names;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison objects: counts the failed deliveries of each object version (key and ETag) and, once
 * {@code maxDeliveryAttempts} of them failed, stops delivering it and moves it to {@code moveFailed} if set,
 * with the last error in its metadata. Without {@code maxDeliveryAttempts} (0) it counts nothing and every
 * poll delivers a failing object again, as before.
 * <p>
 * The counts live in memory, in the endpoint (so a route restart keeps them, a JVM restart does not: each
 * object then gets {@code maxDeliveryAttempts} fresh attempts), and at most {@value #MAX_TRACKED} versions
 * are tracked (least recently failed forgotten first). Several nodes each count their own attempts. A
 * shared count could live in a shared {@code IdempotentRepository}: one entry per failed attempt, as
 * {@code <id>#attempt-<n>}, added for n = 1, 2, ... until {@code add} returns true (that n is the attempt
 * counted), and the object given up when {@code contains(<id>#attempt-<max>)}.
 * <p>
 * A given-up object whose move fails stays in place; it is logged once (WARN) and neither delivered nor moved
 * again until it is rewritten (a new version starts from 0) or the application restarts.
 */
final class DeliveryAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);

    /** Versions counted at most; beyond, the least recently failed is forgotten (and gets fresh attempts). */
    static final int MAX_TRACKED = 100_000;
    /** Longest text of the last error in the moved copy's metadata (S3 allows 2 KB of user metadata in all). */
    static final int MAX_ERROR_LENGTH = 512;
    static final String LAST_ERROR = "s3legacy-last-error";
    static final String ATTEMPTS = "s3legacy-delivery-attempts";

    private final int maxAttempts;
    private final MoveTarget target;
    /** Failed attempts per id ({@code <ETag> <key>}); guarded by itself. */
    private final Map<String, Integer> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** Where moveFailed puts a given-up object: {@code prefix + key} in {@code bucket}. */
    record MoveTarget(String bucket, String prefix) {
    }

    private DeliveryAttempts(int maxAttempts, MoveTarget target) {
        this.maxAttempts = maxAttempts;
        this.target = target;
    }

    /** @throws IllegalArgumentException naming the option, for a negative limit or a bad moveFailed */
    static DeliveryAttempts of(S3LegacyConfiguration c) {
        if (c.getMaxDeliveryAttempts() < 0) {
            throw new IllegalArgumentException("Option maxDeliveryAttempts must be 0 (no limit) or more, was "
                    + c.getMaxDeliveryAttempts());
        }
        MoveTarget target = moveTarget(c.getMoveFailed(), c.getBucketName());
        if (target != null && c.getMaxDeliveryAttempts() == 0) {
            throw new IllegalArgumentException("Option moveFailed needs maxDeliveryAttempts (the failed deliveries after which"
                    + " an object is moved)");
        }
        return new DeliveryAttempts(c.getMaxDeliveryAttempts(), target);
    }

    /**
     * Parses moveFailed: {@code prefix} (in the polled bucket), {@code bucket:prefix}, or {@code bucket:} (the key
     * unchanged in that bucket). The text before the first {@code :} is a bucket name; a prefix holding a colon
     * in the polled bucket is written with that bucket's name in front. Null when unset.
     */
    static MoveTarget moveTarget(String moveFailed, String polledBucket) {
        if (moveFailed == null || moveFailed.isEmpty()) {
            return null;
        }
        int colon = moveFailed.indexOf(':');
        if (colon < 0) {
            return new MoveTarget(polledBucket, moveFailed);
        }
        String bucket = moveFailed.substring(0, colon);
        try {
            S3Names.requireValidBucket(bucket);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option moveFailed is prefix or bucket:prefix; the part before ':' in '"
                    + S3Names.printable(moveFailed) + "' is not a bucket name: " + e.getMessage(), e);
        }
        return new MoveTarget(bucket, moveFailed.substring(colon + 1));
    }

    MoveTarget target() {
        return target;
    }

    /** Whether this version failed maxDeliveryAttempts times: the consumer no longer delivers it. */
    boolean isGivenUp(String id) {
        if (maxAttempts == 0) {
            return false;
        }
        synchronized (failures) {
            Integer n = failures.get(id);
            return n != null && n >= maxAttempts;
        }
    }

    /** A delivery succeeded: its count goes. */
    void succeeded(String id) {
        if (maxAttempts > 0) {
            synchronized (failures) {
                failures.remove(id);
            }
        }
    }

    /**
     * A delivery of version {@code eTag} of {@code key} failed: counts it, and on the last allowed attempt gives
     * the object up, moving it to moveFailed if set. Never throws (it runs in an exchange's completion).
     */
    void failed(Exchange exchange, ObjectMover mover, String key, String eTag, long size) {
        if (maxAttempts == 0) {
            return;
        }
        String id = S3LegacyConsumer.idOf(eTag, key);
        int attempts;
        synchronized (failures) {
            attempts = failures.merge(id, 1, Integer::sum);
        }
        if (attempts < maxAttempts) {
            LOG.debug("Delivery {} of {} of object {} failed", attempts, maxAttempts, key);
            return;
        }
        if (target == null) {
            LOG.warn("Object {} failed {} deliveries (maxDeliveryAttempts): it stays in place and is not delivered again"
                    + " until it is rewritten or the application restarts", key, attempts);
            return;
        }
        String targetKey = target.prefix() + key;
        try {
            if (mover.copy(key, eTag, size, target.bucket(), targetKey,
                    Map.of(LAST_ERROR, describe(exchange.getException()), ATTEMPTS, Integer.toString(attempts)))
                    && mover.delete(key, eTag)) {
                LOG.warn("Object {} failed {} deliveries (maxDeliveryAttempts): moved to {}/{}", key, attempts, target.bucket(),
                        targetKey);
            } else {
                LOG.info("Object {} failed {} deliveries but was rewritten meanwhile: the failed version was not moved; the"
                        + " newer version is delivered as a new object", key, attempts);
            }
            succeeded(id); // left the bucket, or replaced by a newer version: nothing to count any more
        } catch (RuntimeException e) {
            LOG.warn("Object {} failed {} deliveries (maxDeliveryAttempts), but moving it to moveFailed failed: {}. It stays in"
                    + " place and is not delivered or moved again until it is rewritten or the application restarts", key, attempts,
                    e.getMessage());
        }
    }

    /**
     * The last error as metadata may carry it: printable US-ASCII only (anything else becomes '?', whitespace
     * runs one space), at most {@value #MAX_ERROR_LENGTH} characters.
     */
    static String describe(Throwable error) {
        String text = error == null ? "failed without an exception"
                : error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ERROR_LENGTH));
        boolean space = false;
        int i = 0;
        for (; i < text.length() && out.length() < MAX_ERROR_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!space && out.length() > 0) {
                    out.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            out.append(c >= 0x21 && c <= 0x7e ? c : '?');
        }
        if (i < text.length() && !text.substring(i).isBlank()) {
            out.setLength(Math.min(out.length(), MAX_ERROR_LENGTH - 3));
            out.append("...");
        }
        return out.toString().strip();
    }
}
