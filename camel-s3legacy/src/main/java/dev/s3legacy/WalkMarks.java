package dev.s3legacy;

import java.util.Map;
import java.util.function.Predicate;

import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Forgets, after a walk of the whole listing, the default repository's ids that the walk did not meet (their
 * object left the bucket or was rewritten), without a set of the bucket's ids: each id met is marked in the
 * repository's own map (its value, normally the id itself, becomes this walk's mark object). After the walk, an
 * entry holding an older walk's mark was not met and is removed; one still holding its id was remembered during
 * the walk and is kept.
 */
final class WalkMarks {

    private final Map<String, Object> entries;
    private final Object mark = new Object();

    /** Starts a walk over the default repository. */
    WalkMarks(MemoryIdempotentRepository repository) {
        this.entries = repository.getCache();
    }

    /** The walk met this id (a no-op when the repository does not hold it). */
    void met(String id) {
        entries.replace(id, mark);
    }

    /** After the whole walk: forgets what it did not meet, except ids still held; returns how many it forgot. */
    int forgetUnmet(Predicate<String> held) {
        int[] forgotten = { 0 };
        // the key set is the map's live view (the entry set would be a copy of the whole map); removing while iterating is fine
        for (String id : entries.keySet()) {
            entries.computeIfPresent(id, (k, value) -> {
                if (value == mark) {
                    return value;
                }
                if (value instanceof String || held.test(k)) {
                    return mark; // remembered during this walk, or still in flight: kept, and met from now on
                }
                forgotten[0]++;
                return null;
            });
        }
        return forgotten[0];
    }
}
