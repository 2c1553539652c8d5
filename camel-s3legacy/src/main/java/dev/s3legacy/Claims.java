package dev.s3legacy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who processes an object right now. An object is claimed just before it is fetched and released once it is
 * done (deleted, moved or remembered) or failed. The endpoint's in-memory set tells what this node holds; an
 * optional shared repository (inProgressRepository) makes the claim hold across nodes: its {@code add} answering
 * false, or failing (a primary key refusing a concurrent insert), means another node holds the object.
 */
final class Claims {

    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);

    private final Set<String> local;
    /** Null when the in-memory set is the only claim (one node). */
    private final IdempotentRepository shared;

    Claims(Set<String> local, IdempotentRepository shared) {
        this.local = local;
        this.shared = shared;
    }

    boolean isShared() {
        return shared != null;
    }

    /** Whether this node holds the object (listed objects it holds are not picked again). */
    boolean isHeldHere(String id) {
        return local.contains(id);
    }

    /** True when this node now holds the object; false when it or another node already holds it. */
    boolean claim(String id) {
        if (!local.add(id)) {
            return false;
        }
        if (shared == null) {
            return true;
        }
        boolean claimed;
        try {
            claimed = shared.add(id);
        } catch (RuntimeException e) {
            // a store refusing a second claim of one id (its primary key) answers with an exception
            LOG.debug("Claim of {} refused: {}", id, e.getMessage());
            claimed = false;
        }
        if (!claimed) {
            local.remove(id);
        }
        return claimed;
    }

    /** Gives the object up, for this node and the others; a failure to release leaves the claim to expire. */
    void release(String id) {
        try {
            if (shared != null) {
                shared.remove(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot release the claim of {} in the inProgressRepository (it stays claimed until it expires): {}",
                    id, e.getMessage());
        } finally {
            local.remove(id);
        }
    }

    /**
     * The order in which a page's new objects are tried: the listing's for one node; shuffled when claims are
     * shared, so nodes listing the same page do not all queue on its first key.
     */
    <T> List<T> pickOrder(List<T> page) {
        if (shared == null || page.size() < 2) {
            return page;
        }
        List<T> shuffled = new ArrayList<>(page);
        Collections.shuffle(shuffled);
        return shuffled;
    }
}
