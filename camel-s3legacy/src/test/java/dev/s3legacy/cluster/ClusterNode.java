package dev.s3legacy.cluster;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.SynchronizationAdapter;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One node of the several-nodes tests, in a JVM of its own: its own CamelContext polling the shared bucket with
 * the recipe of docs/user-guide.md section 4 (claims in {@link ExpiringClaims}, done-set in a
 * JdbcMessageIdRepository, both on the shared H2), optionally as leader-only (ClusteredRoutePolicy over a
 * FileLockClusterService). Its route journals START before a fixed amount of work per object and END once the
 * object is wholly done (deleted or remembered, claim released). Arguments:
 * name=value pairs, see {@link #main}.
 */
public final class ClusterNode {

    public static void main(String[] args) throws Exception {
        ForkedJvm.haltWithParent();
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String name = a.get("name");
        Journal journal = new Journal(Path.of(a.get("journal")));
        long work = Long.parseLong(a.get("workMillis"));
        boolean leaderMode = a.containsKey("lockDir");

        CamelContext context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        JdbcConnectionPool dataSource = JdbcConnectionPool.create(a.get("jdbc"), "sa", "");

        JdbcMessageIdRepository done = new JdbcMessageIdRepository(dataSource, a.get("processor"));
        done.setTableName(ClusterSchema.DONE_TABLE);
        done.setCreateTableIfNotExists(false);
        ExpiringClaims claims = new ExpiringClaims(dataSource, a.get("processor"), context);
        claims.setTableName(ClusterSchema.CLAIMS_TABLE);
        claims.setLockMaxAgeMillis(Long.parseLong(a.get("lockMaxAgeMillis")));
        claims.setLockKeepAliveIntervalMillis(Long.parseLong(a.get("keepAliveMillis")));
        context.getRegistry().bind("done", done);
        context.getRegistry().bind("claims", claims);

        if (leaderMode) {
            FileLockClusterService cluster = new FileLockClusterService();
            cluster.setId(name);
            cluster.setRoot(a.get("lockDir"));
            cluster.setAcquireLockDelay(Long.parseLong(a.get("acquireLockMillis")), TimeUnit.MILLISECONDS);
            cluster.setAcquireLockInterval(Long.parseLong(a.get("acquireLockMillis")), TimeUnit.MILLISECONDS);
            context.addService(cluster);
        }
        String uri = "s3legacy:" + a.get("bucket") + "?endpoint=" + a.get("endpoint") + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&inProgressRepository=#claims&idempotentRepository=#done"
                + "&delay=" + a.get("delayMillis") + "&deleteAfterRead=" + a.get("deleteAfterRead");
        ClusteredRoutePolicy leaderOnly = leaderMode ? ClusteredRoutePolicy.forNamespace("s3-inbox") : null;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                RouteDefinition route = from(uri).routeId("inbox");
                if (leaderMode) {
                    route.routePolicy(leaderOnly, new RoutePolicySupport() {
                        @Override
                        public void onStart(Route started) {
                            journal.write("LEADER", name);
                        }
                    });
                }
                route.process(exchange -> {
                    String key = exchange.getMessage().getHeader(S3LegacyConstants.KEY, String.class);
                    journal.write("START", key);
                    Thread.sleep(work);
                    exchange.getExchangeExtension().addOnCompletion(new Done(journal, key));
                });
            }
        });
        context.start();
        journal.write("READY", name);
        ForkedJvm.awaitStdinEnd();
        context.stop();
        dataSource.dispose();
        journal.write("STOPPED", name);
        System.exit(0);
    }

    /**
     * Journals END once the exchange is wholly done: ordered last, it runs after the consumer's own completion
     * (delete or move, remember, release the claim), so a node killed before that has not ENDed the object.
     */
    private static final class Done extends SynchronizationAdapter implements Ordered {
        private final Journal journal;
        private final String key;

        Done(Journal journal, String key) {
            this.journal = journal;
            this.key = key;
        }

        @Override
        public void onComplete(Exchange exchange) {
            journal.write("END", key);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }

    private ClusterNode() {
    }
}
