package dev.s3legacy.client.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Temporary credentials, loaded when first needed and loaded again {@link #DEFAULT_REFRESH_AHEAD} before
 * they expire. While the current ones are still valid, one background task refreshes them and every
 * request goes on with the current ones meanwhile; only when they have expired (or none were loaded yet)
 * do callers wait, and then for one load, not one each. A failed refresh is reported (WARN, without
 * secrets) and tried again after a growing pause (1 s, 2 s, 4 s ... at most 60 s); while that pause
 * runs, callers that need new credentials get the last failure at once instead of each calling the source.
 */
public final class RefreshingCredentialsProvider implements CredentialsProvider {

    /** Loads a fresh set; its exception messages must not hold a secret. */
    @FunctionalInterface
    public interface Loader {
        Credentials load() throws Exception;
    }

    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(RefreshingCredentialsProvider.class.getName());

    private final String name;
    private final Loader loader;
    private final Duration refreshAhead;
    private final Clock clock;
    private final Executor refresher;
    /** Held while loading: one load at a time, and waiting callers see its result. */
    private final Object loadLock = new Object();
    private final AtomicBoolean refreshScheduled = new AtomicBoolean();
    /** The current credentials and when they are due for a refresh, replaced whole; null before the first load. */
    private volatile State state;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile CredentialsException lastFailure;
    private int failures; // guarded by loadLock

    /** @param name the source, as messages and logs name it (e.g. "web identity") */
    public RefreshingCredentialsProvider(String name, Loader loader) {
        this(name, loader, DEFAULT_REFRESH_AHEAD, Clock.systemUTC(), RefreshingCredentialsProvider::startThread);
    }

    /**
     * @param refresher runs background refreshes (one at a time); the default starts a daemon thread per
     *                  refresh, which happens about once per credentials lifetime
     */
    public RefreshingCredentialsProvider(String name, Loader loader, Duration refreshAhead, Clock clock, Executor refresher) {
        this.name = Objects.requireNonNull(name, "name");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
    }

    /** With the default refresh-ahead time; {@code refresher} null starts a daemon thread per refresh. */
    static RefreshingCredentialsProvider of(String name, Loader loader, Clock clock, Executor refresher) {
        return new RefreshingCredentialsProvider(name, loader, DEFAULT_REFRESH_AHEAD, clock,
                refresher != null ? refresher : RefreshingCredentialsProvider::startThread);
    }

    static void startThread(Runnable task) {
        Thread t = new Thread(task, "s3legacy-credentials-refresh");
        t.setDaemon(true);
        t.start();
    }

    private record State(Credentials credentials, Instant refreshAt) {
        boolean isDue(Instant now) {
            return !now.isBefore(refreshAt);
        }
    }

    @Override
    public Credentials resolve() {
        State s = state;
        Instant now = clock.instant();
        if (s != null && !s.isDue(now)) {
            return s.credentials();
        }
        if (s != null && !s.credentials().isExpiredAt(now)) {
            refreshInBackground(now);
            return s.credentials();
        }
        return loadUnless(s == null ? null : s.credentials());
    }

    @Override
    public Credentials refresh(Credentials rejected) {
        return loadUnless(rejected);
    }

    /** The refresh-ahead time before expiry, or half-way through the lifetime of short-lived credentials. */
    private Instant refreshAt(Credentials c, Instant loadedAt) {
        if (c.expiry() == null) {
            return Instant.MAX;
        }
        Instant ahead = c.expiry().minus(refreshAhead);
        Instant halfway = loadedAt.plus(Duration.between(loadedAt, c.expiry()).dividedBy(2));
        return ahead.isBefore(halfway) ? halfway : ahead;
    }

    private void refreshInBackground(Instant now) {
        if (now.isBefore(nextAttempt) || !refreshScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    synchronized (loadLock) {
                        State s = state;
                        if (s == null || s.isDue(clock.instant())) {
                            load();
                        }
                    }
                } catch (CredentialsException reported) {
                    // logged by load(); requests go on with the current credentials until they expire
                } finally {
                    refreshScheduled.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshScheduled.set(false);
        }
    }

    /** Loads new credentials unless another caller replaced {@code seen} with valid ones meanwhile. */
    private Credentials loadUnless(Credentials seen) {
        synchronized (loadLock) {
            Credentials c = state == null ? null : state.credentials();
            Instant now = clock.instant();
            if (c != null && c != seen && !c.isExpiredAt(now)) {
                return c;
            }
            CredentialsException failed = lastFailure;
            if (failed != null && now.isBefore(nextAttempt)) {
                throw new CredentialsException(failed.getMessage() + " (next attempt after " + nextAttempt + ")", failed);
            }
            return load();
        }
    }

    /** Called holding loadLock. */
    private Credentials load() {
        Credentials previous = state == null ? null : state.credentials();
        try {
            Credentials loaded = Objects.requireNonNull(loader.load(), "the loader returned no credentials");
            state = new State(loaded, refreshAt(loaded, clock.instant()));
            failures = 0;
            lastFailure = null;
            nextAttempt = Instant.MIN;
            if (previous != null && LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "Credentials from {0} refreshed, now valid until {1}", name,
                        loaded.expiry() == null ? "revoked" : loaded.expiry());
            }
            return loaded;
        } catch (Exception e) {
            failures++;
            Duration pause = backoff(failures);
            nextAttempt = clock.instant().plus(pause);
            CredentialsException failure = e instanceof CredentialsException ce ? ce
                    : new CredentialsException(name + ": " + e, e);
            lastFailure = failure;
            if (previous != null) {
                // a refresh, not the first load: nobody else may notice until the current ones expire
                LOG.log(System.Logger.Level.WARNING, "Refreshing credentials from {0} failed ({1} time(s) in a row), "
                        + "next attempt in {2} s; the current ones expire at {3}: {4}", name, failures,
                        pause.toSeconds(), previous.expiry(), failure.getMessage());
            }
            throw failure;
        }
    }

    static Duration backoff(int failures) {
        long millis = MIN_BACKOFF.toMillis() << Math.min(failures - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    @Override
    public String toString() {
        return "RefreshingCredentialsProvider[" + name + ", " + (state == null ? "not loaded" : state.credentials()) + "]";
    }
}
