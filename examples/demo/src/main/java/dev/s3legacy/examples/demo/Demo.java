package dev.s3legacy.examples.demo;

import dev.s3legacy.examples.common.ExampleRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command demo: {@code mvn -q -Pdemo test-compile exec:java} from the repository root.
 * Settings: {@code examples/demo/src/main/resources/demo/application.properties}.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRoutes.LOG);

    private Demo() {
    }

    /** The demo, ready to run or start; tests override its properties. */
    public static ExampleRunner runner(DemoRoutes routes) {
        return ExampleRunner.of("demo").routes(routes).bucket("demo.inbox").bucket("demo.archive");
    }

    public static void main(String[] args) throws Exception {
        DemoRoutes routes = new DemoRoutes();
        LOG.info("s3legacy demo: files -> bucket -> poller -> archive bucket -> pre-signed link. Stops by itself "
                + "(DEMO_SECONDS, default 15) or on Ctrl-C.");
        runner(routes).run();
        LOG.info("Demo finished: {}", routes.stats());
    }
}
