package dev.s3legacy.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two camel-sql repositories of the several-nodes recipe on a real database (H2): the recipe's DDL holds the
 * consumer's longest ids, which camel-sql's own table does not; its primary key makes concurrent claims exclusive;
 * {@link ExpiringClaims} lets a dead node's claims expire, lets exactly one node take an orphan over, and keeps a
 * taken-over claim alive (which camel-sql's orphan-lock repository alone does not).
 */
class JdbcRepositoriesTest {

    /** An id as the consumer makes it: a multipart ETag, a space, a key of exactly 1,024 bytes in UTF-8. */
    static final String ETAG = "0123456789abcdef0123456789abcdef-10000";
    static final String LONG_ASCII_ID = ETAG + " " + "k".repeat(1024);
    static final String LONG_UNICODE_ID = ETAG + " " + "é".repeat(500) + "\uD83D\uDE00".repeat(6); // 1,000 + 24 bytes

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private JdbcConnectionPool dataSource;
    private final List<CamelContext> contexts = new ArrayList<>();

    @BeforeEach
    void database() throws Exception {
        dataSource = JdbcConnectionPool.create("jdbc:h2:mem:repos" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ClusterSchema.create(dataSource);
    }

    @AfterEach
    void close() {
        contexts.forEach(CamelContext::stop);
        dataSource.dispose();
    }

    private CamelContext node() {
        CamelContext context = new DefaultCamelContext();
        context.start();
        contexts.add(context);
        return context;
    }

    private JdbcMessageIdRepository done() throws Exception {
        JdbcMessageIdRepository done = new JdbcMessageIdRepository(dataSource, "inbox");
        done.setTableName(ClusterSchema.DONE_TABLE);
        done.setCreateTableIfNotExists(false);
        done.start();
        return done;
    }

    private ExpiringClaims claims(long maxAge, long keepAlive) {
        ExpiringClaims claims = new ExpiringClaims(dataSource, "inbox", node());
        configure(claims, maxAge, keepAlive);
        return claims;
    }

    private static void configure(JdbcOrphanLockAwareIdempotentRepository claims, long maxAge, long keepAlive) {
        claims.setTableName(ClusterSchema.CLAIMS_TABLE);
        claims.setCreateTableIfNotExists(false);
        claims.setLockMaxAgeMillis(maxAge);
        claims.setLockKeepAliveIntervalMillis(keepAlive);
        claims.start();
    }

    /** How the consumer reads a claim: true, or false / an exception (another node has it). */
    static boolean claim(IdempotentRepository claims, String id) {
        try {
            return claims.add(id);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void theRecipeTableHoldsTheLongestIdsWhichCamelSqlsOwnTableRefuses() throws Exception {
        assertThat(LONG_ASCII_ID.substring(ETAG.length() + 1).getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(LONG_UNICODE_ID.substring(ETAG.length() + 1).getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        JdbcMessageIdRepository done = done();
        for (String id : List.of(LONG_ASCII_ID, LONG_UNICODE_ID, ETAG + " " + "short")) {
            assertThat(done.contains(id)).as(id).isFalse();
            assertThat(done.add(id)).as(id).isTrue();
            assertThat(done.contains(id)).as(id).isTrue();
            assertThat(done.add(id)).as("second add of " + id).isFalse();
        }
        // ids differing only after character 100 stay apart (a truncating store would merge them)
        assertThat(done.contains(LONG_ASCII_ID.substring(0, LONG_ASCII_ID.length() - 1) + "x")).isFalse();

        JdbcMessageIdRepository camelSqlDefault = new JdbcMessageIdRepository(dataSource, "inbox"); // creates its own table
        camelSqlDefault.start();
        assertThatThrownBy(() -> camelSqlDefault.add(LONG_ASCII_ID)).as("messageId VARCHAR(100)").isInstanceOf(RuntimeException.class);
    }

    @Test
    void aClaimIsExclusiveUntilReleasedAndRefusedNodesSeeFalseOrAnException() {
        ExpiringClaims a = claims(10_000, 1_000);
        ExpiringClaims b = claims(10_000, 1_000);
        assertThat(claim(a, LONG_UNICODE_ID)).isTrue();
        assertThat(claim(b, LONG_UNICODE_ID)).isFalse();
        assertThat(claim(a, LONG_UNICODE_ID)).as("not twice on one node either").isFalse();
        a.remove(LONG_UNICODE_ID);
        assertThat(claim(b, LONG_UNICODE_ID)).isTrue();
    }

    @Test
    void concurrentClaimsOfOneIdHaveOneWinnerThanksToThePrimaryKey() throws Exception {
        ExpiringClaims a = claims(10_000, 1_000);
        ExpiringClaims b = claims(10_000, 1_000);
        assertThat(raceEachId(a, b, 200, "new-")).isEqualTo(200);
    }

    @Test
    void aDeadNodesClaimsExpireAndExactlyOneNodeTakesEachOrphanOver() throws Exception {
        ExpiringClaims dead = claims(1_000, 200);
        for (int i = 0; i < 100; i++) {
            assertThat(claim(dead, "orphan-" + i)).isTrue();
        }
        contexts.get(0).stop(); // its keep-alive stops: the node is gone, its rows stay
        ExpiringClaims a = claims(1_000, 200);
        ExpiringClaims b = claims(1_000, 200);
        assertThat(claim(a, "orphan-0")).as("still fresh").isFalse();
        // the youngest orphan: inserted last, or refreshed with all the others by the dead node's last keep-alive
        awaitExpiry(a, "orphan-99");
        assertThat(raceEachId(a, b, 100, "orphan-")).as("ids claimed by exactly one of two racing nodes").isEqualTo(100);
    }

    @Test
    void aTakenOverClaimIsKeptAliveWhichTheOrphanLockRepositoryAloneDoesNot() throws Exception {
        ExpiringClaims dead = claims(2_000, 200);
        assertThat(claim(dead, "ours")).isTrue();
        assertThat(claim(dead, "theirs")).isTrue();
        contexts.get(0).stop();

        ExpiringClaims fixed = claims(2_000, 200);
        JdbcOrphanLockAwareIdempotentRepository plain = new JdbcOrphanLockAwareIdempotentRepository(dataSource, "inbox", node());
        configure(plain, 2_000, 200);
        awaitExpiry(fixed, "ours");
        assertThat(claim(fixed, "ours")).as("taken over").isTrue();
        assertThat(claim(plain, "theirs")).as("taken over").isTrue();

        ExpiringClaims third = claims(2_000, 200);
        // two lock ages later the fixed repository's claim is still alive, the plain one's expired (and, after
        // twice the lock age, swept: a new claim either way)
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4_000);
        while (System.nanoTime() < until) {
            assertThat(claim(third, "ours")).as("a live claim taken over").isFalse();
            Thread.sleep(50);
        }
        // camel-sql 4.18 lets a taken-over claim expire; later versions keep it alive themselves
        if (new org.apache.camel.impl.DefaultCamelContext().getVersion().startsWith("4.18.")) {
            assertThat(claim(third, "theirs")).as("camel-sql 4.18 does not keep a taken-over claim alive").isTrue();
        }
    }

    private static void awaitExpiry(ExpiringClaims probe, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (probe.contains(id)) { // contains: a claim younger than lockMaxAge
            assertThat(System.nanoTime()).as("claim of " + id + " expires").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Two nodes claim the same ids at the same moments; returns how many ids exactly one of them got. */
    private static int raceEachId(IdempotentRepository a, IdempotentRepository b, int ids, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int once = 0;
            for (int i = 0; i < ids; i++) {
                String id = prefix + i;
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> fa = pool.submit(() -> {
                    go.await();
                    return claim(a, id);
                });
                Future<Boolean> fb = pool.submit(() -> {
                    go.await();
                    return claim(b, id);
                });
                go.countDown();
                boolean ra = fa.get(30, TimeUnit.SECONDS);
                boolean rb = fb.get(30, TimeUnit.SECONDS);
                assertThat(ra && rb).as("both nodes claimed " + id).isFalse();
                if (ra ^ rb) {
                    once++;
                }
            }
            return once;
        } finally {
            pool.shutdownNow();
        }
    }
}
