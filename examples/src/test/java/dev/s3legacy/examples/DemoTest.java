package dev.s3legacy.examples;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.stream.Collectors;

import dev.s3legacy.examples.common.ExampleRunner;
import dev.s3legacy.examples.demo.Demo;
import dev.s3legacy.examples.demo.DemoRoutes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the one-command demo the way {@code mvn -Pdemo exec:java} does (blocking, stopping by itself),
 * only shorter: files are uploaded, polled, archived, and a pre-signed link is fetched; afterwards the
 * server is down and no thread the demo started is left.
 */
class DemoTest {

    @Test
    @Timeout(60)
    void runsAndStopsByItself() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        DemoRoutes routes = new DemoRoutes();
        ExampleRunner demo = ExampleTestSupport.isolated(Demo.runner(routes), "demo")
                .property("camel.main.durationMaxSeconds", "5")
                .property("demo.files", "3")
                .property("demo.dropEvery", "300")
                .property("demo.pollDelay", "300")
                .property("demo.firstLinkAfter", "1500")
                .property("demo.linkEvery", "500");
        long start = System.nanoTime();
        demo.run();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        DemoRoutes.Stats stats = routes.stats();
        assertThat(stats.dropped).hasValue(3);
        assertThat(stats.uploaded).hasValue(3);
        assertThat(stats.received).hasValue(3);
        assertThat(stats.archived).as("archived objects the last listing saw").isPositive();
        // the embedded server keeps its buckets as directories: everything ended up in the archive
        assertThat(ExampleTestSupport.files(demo.workDir().resolve("s3")))
                .containsExactly("demo-archive/archived/report-1.txt", "demo-archive/archived/report-2.txt",
                        "demo-archive/archived/report-3.txt");
        assertThat(stats.linksFetched.get()).isPositive();
        assertThat(seconds).isLessThan(30);

        int port = Integer.parseInt(demo.server().endpoint().replaceAll(".*:", ""));
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);

        long deadline = System.currentTimeMillis() + 5000;
        Set<String> left;
        do {
            Set<Thread> now = liveNonDaemonThreads();
            now.removeAll(before);
            left = now.stream().map(Thread::getName).collect(Collectors.toSet());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        assertThat(left).as("non-daemon threads left running").isEmpty();
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
