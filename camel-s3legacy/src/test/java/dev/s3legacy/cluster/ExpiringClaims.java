package dev.s3legacy.cluster;

import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * camel-sql's orphan-lock repository as the consumer's inProgressRepository (claims that expire lockMaxAgeMillis
 * after their node stopped keeping them alive), with two gaps of camel-sql 4.18.0 closed:
 * <ul>
 * <li>It takes an orphaned claim over with an unconditional UPDATE, so two nodes finding the same orphan may
 * both take it. Here the UPDATE holds only while the claim is still expired (the database decides which node
 * wins), and a new claim is an INSERT that the table's primary key makes exclusive (the loser's insert fails,
 * which the consumer reads as "another node has it").</li>
 * <li>It keeps alive only the claims it inserted, not those it took over, so a taken-over claim would expire
 * under its new node. Here every claim held is kept alive.</li>
 * </ul>
 * It also deletes claims expired for twice the lock age: a node that died after deleting or moving its object but
 * before releasing the claim leaves a claim no listing will meet again.
 * The table must have the primary key (processorName, messageId): see {@link ClusterSchema}.
 */
public class ExpiringClaims extends JdbcOrphanLockAwareIdempotentRepository {

    private final CamelContext camelContext;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService keepAlive;

    public ExpiringClaims(DataSource dataSource, String processorName, CamelContext camelContext) {
        super(dataSource, processorName, camelContext);
        this.camelContext = camelContext;
        setCreateTableIfNotExists(false);
    }

    private String table() {
        return getTableName() == null ? DEFAULT_TABLENAME : getTableName();
    }

    /** Called by add() once it found no live claim: takes an expired one over, else inserts a new one. */
    @Override
    protected int insert(String key) {
        long now = System.currentTimeMillis();
        int n = jdbcTemplate.update("UPDATE " + table() + " SET createdAt = ? WHERE processorName = ? AND messageId = ? AND createdAt < ?",
                new Timestamp(now), processorName, key, new Timestamp(now - getLockMaxAgeMillis()));
        if (n == 0) {
            // a DuplicateKeyException here: another node claimed it since add() looked
            n = jdbcTemplate.update(getInsertString(), processorName, key, new Timestamp(now));
        }
        held.add(key);
        return n;
    }

    @Override
    protected int delete(String key) {
        held.remove(key);
        return super.delete(key);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        keepAlive = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ExpiringClaimsKeepAlive");
        keepAlive.scheduleWithFixedDelay(this::keepHeldAlive, getLockKeepAliveIntervalMillis(), getLockKeepAliveIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void keepHeldAlive() {
        try {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            List<Object[]> rows = held.stream().map(key -> new Object[] { now, processorName, key }).toList();
            if (!rows.isEmpty()) {
                jdbcTemplate.batchUpdate(getUpdateTimestampQuery(), rows);
            }
            // a dead node's claim on an object it already deleted or moved is never listed, so never taken over: sweep it
            jdbcTemplate.update("DELETE FROM " + table() + " WHERE processorName = ? AND createdAt < ?", processorName,
                    new Timestamp(now.getTime() - 2 * getLockMaxAgeMillis()));
        } catch (RuntimeException e) {
            log.warn("Cannot keep claims alive (they expire after {} ms): {}", getLockMaxAgeMillis(), e.getMessage());
        }
    }

    @Override
    protected void doShutdown() throws Exception {
        if (keepAlive != null) {
            camelContext.getExecutorServiceManager().shutdownNow(keepAlive);
        }
        super.doShutdown();
    }
}
