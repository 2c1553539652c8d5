package dev.s3legacy.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.s3legacy.cluster.ClusterFixture.await;
import static dev.s3legacy.cluster.ClusterFixture.figure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests 1-3 of issue 13: three node JVMs (-Xmx128m each, own CamelContext) poll one bucket on s3proxy with the
 * recipe of the guide's section 4 (shared claims and done-set on an H2 server). No faults: each object once and
 * the work spread; kill -9 of a node mid-object: nothing lost, duplicates only of what it had started and not
 * finished, done within the claim's lock age; a replacement node takes work with no further duplicates.
 */
class ClusterNodesTest {

    static final long LOCK_MAX_AGE = 3_000;
    static final long KEEP_ALIVE = 500;
    static final long DELAY = 200;

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

    private static Map<String, String> options(String bucket, String processor, long workMillis, boolean deleteAfterRead) {
        return Map.of("bucket", bucket, "processor", processor, "workMillis", String.valueOf(workMillis),
                "lockMaxAgeMillis", String.valueOf(LOCK_MAX_AGE), "keepAliveMillis", String.valueOf(KEEP_ALIVE),
                "delayMillis", String.valueOf(DELAY), "deleteAfterRead", String.valueOf(deleteAfterRead));
    }

    static List<String> keys(String prefix, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(String.format("%s%03d.txt", prefix, i));
        }
        return keys;
    }

    @Test
    void threeNodesDeliverEachObjectOnceAndShareTheWork() throws Exception {
        List<String> keys = keys("plain/obj-", 296);
        keys.add("plain/long-" + "x".repeat(1000 - "plain/long-".length())); // ~1,000 bytes
        keys.add("plain/ünïcødé-日本語.txt");
        keys.add("plain/emoji-\uD83D\uDE00.txt");
        keys.add("plain/ελληνικά και κενά.txt");
        cluster.s3.createBucket("nodes-plain");
        cluster.startNodes(options("nodes-plain", "t1", 20, false), "a1", "a2", "a3");
        long t0 = System.nanoTime();
        cluster.put("nodes-plain", keys);
        await("all 300 objects are ENDed", 180_000, () -> cluster.ended(keys, "a1", "a2", "a3"));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        await("no claim is left", 30_000, () -> cluster.claimsLeft("t1") == 0);

        Map<String, Integer> ends = cluster.endCounts("a1", "a2", "a3");
        assertThat(ends.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(ends.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey)).as("ENDed more than once").isEmpty();
        StringBuilder perNode = new StringBuilder();
        for (String node : List.of("a1", "a2", "a3")) {
            int n = Journal.keys(cluster.journal(node), "END").size();
            perNode.append(node).append('=').append(n).append(' ');
            assertThat(n).as("objects ENDed by " + node).isGreaterThanOrEqualTo(30);
        }
        figure("test1 no faults: 300 objects, 3 nodes: " + perNode + "duplicates=0, claims left=0, all done "
                + millis + " ms after the first upload (uploads included, 20 ms work per object)");
    }

    @Test
    void aNodeKilledMidObjectLosesNothingAndItsReplacementAddsNoDuplicate() throws Exception {
        List<String> keys = keys("crash/obj-", 300);
        cluster.s3.createBucket("nodes-crash");
        cluster.startNodes(options("nodes-crash", "t2", 40, true), "b1", "b2", "b3");
        cluster.put("nodes-crash", keys);
        Path victim = cluster.journal("b1");
        await("b1 ENDed 20 objects and is inside its next one", 120_000, () -> {
            try {
                List<String> started = Journal.keys(victim, "START");
                List<String> ended = Journal.keys(victim, "END");
                return ended.size() >= 20 && started.size() > ended.size();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        cluster.kill("b1");
        long killed = System.nanoTime();
        Set<String> startedNotEnded = new HashSet<>(Journal.keys(victim, "START"));
        startedNotEnded.removeAll(Journal.keys(victim, "END"));
        // usually one object (START seen, END not): between its work and its END line are the delete and the release

        // (or b1 finished it itself: killed after the delete, before its END line)
        await("what b1 had in hand is ENDed by another node", LOCK_MAX_AGE + DELAY + 60_000,
                () -> cluster.done("nodes-crash", startedNotEnded, startedNotEnded, "b2", "b3"));
        long orphanRecovered = (System.nanoTime() - killed) / 1_000_000;
        await("every object is ENDed by some node", LOCK_MAX_AGE + DELAY + 60_000,
                () -> cluster.done("nodes-crash", keys, startedNotEnded, "b1", "b2", "b3"));
        long recovered = (System.nanoTime() - killed) / 1_000_000;
        await("every claim is released or taken over and released", 30_000, () -> cluster.claimsLeft("t2") == 0);
        Map<String, Integer> ends = cluster.endCounts("b1", "b2", "b3");
        Set<String> duplicates = ends.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> finishedByB1 = cluster.finishedByTheDead("nodes-crash", startedNotEnded, "b2", "b3");
        Set<String> finished = new HashSet<>(ends.keySet());
        finished.addAll(finishedByB1);
        assertThat(finished).containsAll(keys);
        assertThat(startedNotEnded).as("what b1 had in hand was finished by another node, or by b1 before it died")
                .allSatisfy(k -> assertThat(ends.containsKey(k) || finishedByB1.contains(k)).as(k).isTrue());
        assertThat(duplicates).as("duplicates only among keys b1 STARTed but did not END").isSubsetOf(startedNotEnded);
        // how long recovery took is a figure, not an assertion: on a loaded machine it says more about the load
        String crash = "test2 kill -9: b1 ENDed " + Journal.keys(victim, "END").size() + " then died inside " + startedNotEnded.size()
                + " object(s); b2=" + Journal.keys(cluster.journal("b2"), "END").size() + " b3=" + Journal.keys(cluster.journal("b3"), "END").size()
                + " (" + finishedByB1.size() + " of them deleted by b1 itself just before the kill)"
                + "; duplicates=" + duplicates.size() + " (of its unfinished ones); its unfinished object ENDed elsewhere " + orphanRecovered
                + " ms and every object " + recovered
                + " ms after the kill (lock age " + LOCK_MAX_AGE + " ms, 40 ms work per object)";

        // test 3: a replacement node joins and takes work, with no further duplicate
        cluster.startNodes(options("nodes-crash", "t2", 40, true), "b4");
        List<String> more = keys("crash/second-", 150);
        cluster.put("nodes-crash", more);
        await("the second batch is ENDed", 120_000, () -> cluster.ended(more, "b2", "b3", "b4"));
        Map<String, Integer> after = cluster.endCounts("b1", "b2", "b3", "b4");
        for (String key : more) {
            assertThat(after.get(key)).as("ENDs of " + key).isEqualTo(1);
        }
        for (String key : keys) {
            assertThat(after.get(key)).as("ENDs of first-batch " + key).isEqualTo(ends.get(key));
        }
        long byReplacement = Journal.keys(cluster.journal("b4"), "END").size();
        // it takes work (its share is smaller than a third: a cold JVM next to two warm ones; 13-26 of 150 measured)
        assertThat(byReplacement).as("objects ENDed by the replacement").isPositive();
        await("no claim is left", 30_000, () -> cluster.claimsLeft("t2") == 0);
        figure(crash);
        figure("test3 replacement: 150 more objects: b4=" + byReplacement + " b2=" + count(more, "b2") + " b3=" + count(more, "b3")
                + "; duplicates=0");
    }

    private static long count(List<String> keys, String node) throws java.io.IOException {
        Set<String> wanted = new HashSet<>(keys);
        return Journal.keys(cluster.journal(node), "END").stream().filter(wanted::contains).count();
    }
}
