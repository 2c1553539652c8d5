package dev.s3legacy.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.s3legacy.cluster.ClusterFixture.await;
import static dev.s3legacy.cluster.ClusterFixture.figure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test 5 of issue 13: leader mode (ClusteredRoutePolicy over camel-file's FileLockClusterService) combined with
 * shared claims, two node JVMs: kill -9 the leader inside an object; the other becomes leader within the
 * cluster service's configured time and finishes everything, duplicates only of what the dead leader had started
 * and not finished (its claim expires first).
 */
class LeaderFailoverTest {

    static final long ACQUIRE = 500;
    static final long LOCK_MAX_AGE = 3_000;

    @TempDir
    static Path dir;
    static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    void killingTheLeaderHandsThePollingToTheOtherNodeAndLosesNothing() throws Exception {
        cluster.s3.createBucket("leader");
        Path lockDir = Files.createDirectories(dir.resolve("cluster-lock"));
        Map<String, String> options = Map.of("bucket", "leader", "processor", "t5", "workMillis", "100",
                "lockMaxAgeMillis", String.valueOf(LOCK_MAX_AGE), "keepAliveMillis", "500", "delayMillis", "200",
                "deleteAfterRead", "true", "lockDir", lockDir.toString(), "acquireLockMillis", String.valueOf(ACQUIRE));
        cluster.startNodes(options, "l1", "l2");
        await("one node leads", 60_000, () -> leaders().size() == 1);
        String leader = leaders().iterator().next();
        String follower = leader.equals("l1") ? "l2" : "l1";
        List<String> keys = ClusterNodesTest.keys("leader/obj-", 60);
        cluster.put("leader", keys);
        Path journal = cluster.journal(leader);
        await(leader + " ENDed 10 objects and is inside its next one", 60_000, () -> {
            try {
                return Journal.keys(journal, "END").size() >= 10
                        && Journal.keys(journal, "START").size() > Journal.keys(journal, "END").size();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(Journal.keys(cluster.journal(follower), "START")).as("the follower polls nothing while the leader lives").isEmpty();
        cluster.kill(leader);
        long killed = System.nanoTime();
        Set<String> startedNotEnded = new HashSet<>(Journal.keys(journal, "START"));
        startedNotEnded.removeAll(Journal.keys(journal, "END"));

        // the configured time: the lock is re-tried every ACQUIRE ms; a leader is stale after heartbeatTimeoutMultiplier tries
        long configured = ACQUIRE * (new FileLockClusterService().getHeartbeatTimeoutMultiplier() + 2);
        await(follower + " leads", configured + 10_000, () -> leaders().contains(follower));
        long takeover = (System.nanoTime() - killed) / 1_000_000;
        // (or finished by the leader itself: killed after the delete, before its END line)
        await("every object is ENDed", LOCK_MAX_AGE + 60_000, () -> cluster.done("leader", keys, startedNotEnded, leader, follower));
        long recovered = (System.nanoTime() - killed) / 1_000_000;
        Map<String, Integer> ends = cluster.endCounts(leader, follower);
        Set<String> duplicates = ends.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(duplicates).isSubsetOf(startedNotEnded);
        Set<String> finishedByLeader = cluster.finishedByTheDead("leader", startedNotEnded, follower);
        await("no claim is left", 30_000, () -> cluster.claimsLeft("t5") == 0);
        figure("test5 leader mode: " + leader + " ENDed " + Journal.keys(journal, "END").size() + " and died inside "
                + startedNotEnded.size() + "; " + follower + " led " + takeover + " ms after the kill (configured: lock tried every "
                + ACQUIRE + " ms, stale after " + configured + " ms) and ENDed " + Journal.keys(cluster.journal(follower), "END").size()
                + "; every object ENDed " + recovered + " ms after the kill (" + finishedByLeader.size()
                + " deleted by the leader itself just before the kill); duplicates=" + duplicates.size());
    }

    private static Set<String> leaders() {
        Set<String> leaders = new HashSet<>();
        for (String node : List.of("l1", "l2")) {
            try {
                if (!Journal.keys(cluster.journal(node), "LEADER").isEmpty()) {
                    leaders.add(node);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return leaders;
    }
}
