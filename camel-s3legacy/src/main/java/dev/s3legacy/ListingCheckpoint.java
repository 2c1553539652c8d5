package dev.s3legacy;

import org.apache.camel.spi.StateRepository;

/**
 * Where a poll starts listing. Without a checkpointRepository: where the last poll stopped at
 * maxMessagesPerPoll, else the top. With one: the position saved after each processed page (it survives a
 * restart), except that every fullWalkEvery-th poll walks from the top to catch keys written behind it.
 */
final class ListingCheckpoint {

    private final StateRepository<String, String> store;
    private final String key;
    private final int fullWalkEvery;
    /** Polls since this consumer started; only the polling thread touches it. */
    private long polls;

    ListingCheckpoint(StateRepository<String, String> store, String bucket, String prefix, int fullWalkEvery) {
        this.store = store;
        this.key = "s3legacy:" + bucket + "/" + (prefix == null ? "" : prefix);
        this.fullWalkEvery = fullWalkEvery;
    }

    /** The marker this poll lists after (null: from the top); {@code resumeMarker} is where a capped poll stopped. */
    String start(String resumeMarker) {
        if (store == null) {
            return resumeMarker;
        }
        polls++;
        if (fullWalkEvery > 0 && polls % fullWalkEvery == 0) {
            return null;
        }
        String saved = store.getState(key);
        return saved == null || saved.isEmpty() ? null : saved;
    }

    /** Everything up to and including this key was processed (or is in flight). */
    void reached(String marker) {
        if (store != null && marker != null) {
            store.setState(key, marker);
        }
    }

    /** The state key, for the docs and tests. */
    String key() {
        return key;
    }
}
