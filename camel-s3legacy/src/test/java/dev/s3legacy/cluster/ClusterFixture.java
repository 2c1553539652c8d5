package dev.s3legacy.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.test.S3ProxyServer;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * What the forked-node tests share: s3proxy in this JVM, the H2 server in its own, the recipe's tables, the
 * nodes (each a JVM with -Xmx128m and a journal) and the figures they print.
 */
final class ClusterFixture implements AutoCloseable {

    static final String NODE_HEAP = "128m";

    final Path dir;
    final S3ProxyServer s3proxy;
    final S3Connection s3;
    final H2Process h2;
    final String jdbcUrl;
    final JdbcConnectionPool dataSource;
    private final Map<String, ForkedJvm> nodes = new LinkedHashMap<>();

    ClusterFixture(Path dir) throws Exception {
        this.dir = dir;
        s3proxy = S3ProxyServer.start();
        s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(s3proxy.endpoint()).build());
        h2 = H2Process.start(dir);
        jdbcUrl = h2.url("cluster");
        dataSource = JdbcConnectionPool.create(jdbcUrl, "sa", "");
        ClusterSchema.create(dataSource);
    }

    Path journal(String node) {
        return dir.resolve(node + ".journal");
    }

    /** Starts nodes (in parallel) with the same options and waits until each is READY. */
    void startNodes(Map<String, String> options, String... names) throws Exception {
        for (String name : names) {
            Map<String, String> args = new HashMap<>(options);
            args.put("name", name);
            args.put("journal", journal(name).toString());
            args.put("endpoint", s3proxy.endpoint());
            args.put("jdbc", jdbcUrl);
            List<String> list = new ArrayList<>();
            args.forEach((k, v) -> list.add(k + "=" + v));
            nodes.put(name, ForkedJvm.start(ClusterNode.class, NODE_HEAP, List.of(), list, dir.resolve(name + ".log")));
        }
        for (String name : names) {
            await("node " + name + " is READY (log: " + dir.resolve(name + ".log") + ")", 90_000,
                    () -> uncheckedHas(journal(name), "READY"));
        }
    }

    void kill(String name) throws InterruptedException {
        nodes.get(name).kill();
    }

    void put(String bucket, Collection<String> keys) {
        for (String key : keys) {
            s3.put(bucket, key, RequestBody.ofString("data of " + key)).close();
        }
    }

    /** Rows of the claims table for this processor name (claims not released). */
    int claimsLeft(String processor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + ClusterSchema.CLAIMS_TABLE + " WHERE processorName = ?")) {
            s.setString(1, processor);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** END lines per key over the journals of these nodes. */
    Map<String, Integer> endCounts(String... names) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : names) {
            for (String key : Journal.keys(journal(name), "END")) {
                counts.merge(key, 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Of a killed node's unfinished keys (STARTed, not ENDed), those it finished after all: gone from the bucket,
     * which only the completion of a successful exchange does (delete after read), and not ENDed by any node. A
     * node killed between that delete and its END line leaves such a key; no other node can meet it again.
     */
    Set<String> finishedByTheDead(String bucket, Collection<String> unfinished, String... others) {
        Set<String> present = new HashSet<>();
        for (ListBucketResponse page : s3.listBucketPages(bucket, null, null, null)) {
            page.getEntries().forEach(e -> present.add(e.getKey()));
        }
        try {
            Set<String> ended = endCounts(others).keySet();
            return unfinished.stream().filter(k -> !present.contains(k) && !ended.contains(k)).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether every key is done: ENDed in the journal of one of these nodes, or one of a killed node's unfinished
     * keys that it finished itself before it died (see {@link #finishedByTheDead}).
     */
    boolean done(String bucket, Collection<String> keys, Collection<String> deadUnfinished, String... names) {
        Set<String> left = new HashSet<>(keys);
        try {
            left.removeAll(endCounts(names).keySet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        left.removeAll(finishedByTheDead(bucket, deadUnfinished, names));
        return left.isEmpty();
    }

    /** Whether every one of these keys has an END line in the journal of one of these nodes. */
    boolean ended(Collection<String> keys, String... names) {
        try {
            return endCounts(names).keySet().containsAll(keys);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean uncheckedHas(Path journal, String event) {
        try {
            return Journal.has(journal, event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + millis + " ms waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A figure for the report: printed, and appended to target/cluster-figures.txt. */
    static void figure(String line) throws IOException {
        System.out.println("FIGURE " + line);
        Files.writeString(Path.of("target", "cluster-figures.txt"), line + "\n", java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws Exception {
        for (ForkedJvm node : nodes.values()) {
            node.close();
        }
        // the nodes' logs and journals outlive the temporary directory, for a look after a failure
        Path keep = Files.createDirectories(Path.of("target", "cluster-logs"));
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        dataSource.dispose();
        h2.close();
        s3.close();
        s3proxy.close();
    }
}
