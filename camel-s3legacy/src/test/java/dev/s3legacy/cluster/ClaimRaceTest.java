package dev.s3legacy.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.s3legacy.cluster.ClusterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test 4 of issue 13, as two CamelContexts in one JVM (each its own claims and done-set objects on one H2
 * database): one object, slow processing (300 ms), polls every 10 ms on both nodes, 20 times: one delivery each
 * time. Both nodes list the object while the other processes it; the claim keeps the second out, and the check
 * of the done-set after the claim keeps out a node that listed before the first remembered it and claims after
 * the first released it.
 */
class ClaimRaceTest {

    private S3ProxyServer s3proxy;
    private S3Connection s3;
    private JdbcConnectionPool dataSource;
    private final List<CamelContext> nodes = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> deliveries = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        s3proxy = S3ProxyServer.start();
        s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(s3proxy.endpoint()).build());
        dataSource = JdbcConnectionPool.create("jdbc:h2:mem:race;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000", "sa", "");
        ClusterSchema.create(dataSource);
    }

    @AfterEach
    void stop() {
        nodes.forEach(CamelContext::stop);
        dataSource.dispose();
        s3.close();
        s3proxy.close();
    }

    /** Counts this node's finished polls. */
    static final class PollCounter implements PollingConsumerPollStrategy {
        final AtomicInteger polls = new AtomicInteger();

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            polls.incrementAndGet();
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            polls.incrementAndGet();
            return false;
        }
    }

    private PollCounter node(String name, JdbcMessageIdRepository[] doneOut) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        JdbcMessageIdRepository done = new JdbcMessageIdRepository(dataSource, "race");
        done.setTableName(ClusterSchema.DONE_TABLE);
        done.setCreateTableIfNotExists(false);
        ExpiringClaims claims = new ExpiringClaims(dataSource, "race", context);
        claims.setTableName(ClusterSchema.CLAIMS_TABLE);
        claims.setLockMaxAgeMillis(10_000);
        claims.setLockKeepAliveIntervalMillis(1_000);
        PollCounter counter = new PollCounter();
        context.getRegistry().bind("done", done);
        context.getRegistry().bind("claims", claims);
        context.getRegistry().bind("polls", counter);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("s3legacy:race?endpoint=" + s3proxy.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY + "&secretKey=RAW("
                        + S3ProxyServer.SECRET_KEY + ")&inProgressRepository=#claims&idempotentRepository=#done&delay=10"
                        + "&pollStrategy=#polls")
                        .process(e -> {
                            deliveries.computeIfAbsent(e.getMessage().getHeader(S3LegacyConstants.KEY, String.class),
                                    k -> new CopyOnWriteArrayList<>()).add(name);
                            Thread.sleep(300);
                        });
            }
        });
        nodes.add(context);
        context.start();
        doneOut[0] = done;
        return counter;
    }

    @Test
    void twoNodesFastPollsSlowWorkOneObjectTwentyTimesOneDeliveryEachTime() throws Exception {
        s3.createBucket("race");
        JdbcMessageIdRepository[] done = new JdbcMessageIdRepository[1];
        PollCounter a = node("a", done);
        PollCounter b = node("b", done);
        int[] won = new int[2];
        for (int i = 0; i < 20; i++) {
            String key = "race-" + i;
            String eTag;
            try (S3Response r = s3.put("race", key, RequestBody.ofString("object " + i))) {
                eTag = r.eTag();
            }
            String id = eTag + " " + key;
            await(key + " is delivered and remembered", 30_000, () -> deliveries.containsKey(key) && done[0].contains(id));
            // both nodes list it again, several times, after it was remembered and its claim released
            int pa = a.polls.get();
            int pb = b.polls.get();
            await("both nodes polled 3 more times", 30_000, () -> a.polls.get() >= pa + 3 && b.polls.get() >= pb + 3);
            assertThat(deliveries.get(key)).as("deliveries of " + key).hasSize(1);
            won[deliveries.get(key).get(0).equals("a") ? 0 : 1]++;
        }
        ClusterFixture.figure("test4 race: 20 objects, 2 nodes polling every 10 ms, 300 ms work: 20 deliveries (a=" + won[0]
                + ", b=" + won[1] + "), duplicates=0");
    }
}
