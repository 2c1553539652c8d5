package dev.s3legacy.client;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * HTTP transports shared by settings: connections with equal {@link TransportSettings} get the same
 * one (one pool of kept-alive connections), different settings a different one. Counted by use: a
 * transport closes when its last user releases it, and all close with the registry. Its owner (the
 * Camel component) hands in one executor for all of them.
 */
public final class TransportRegistry implements AutoCloseable {

    private final Map<TransportSettings, Entry> transports = new HashMap<>();

    private static final class Entry {
        final HttpTransport transport;
        int users;

        Entry(HttpTransport transport) {
            this.transport = transport;
        }
    }

    /**
     * The transport for these settings, made if none is in use; each call counts as one user until
     * {@link #release}.
     *
     * @param executor where a new transport's client runs its asynchronous work (null: the JDK's pool)
     */
    public synchronized HttpTransport acquire(TransportSettings settings, Executor executor) {
        Entry entry = transports.computeIfAbsent(settings, s -> new Entry(new HttpTransport(s, executor)));
        entry.users++;
        return entry.transport;
    }

    /** One user fewer; the last one closes the transport. A transport this registry no longer holds is ignored. */
    public synchronized void release(HttpTransport transport) {
        Entry entry = transports.get(transport.settings());
        if (entry == null || entry.transport != transport) {
            return;
        }
        if (--entry.users == 0) {
            transports.remove(transport.settings());
            transport.close();
        }
    }

    /** How many transports are in use. */
    public synchronized int size() {
        return transports.size();
    }

    /** Closes every transport, in use or not (the owner stops). */
    @Override
    public synchronized void close() {
        transports.values().forEach(e -> e.transport.close());
        transports.clear();
    }
}
