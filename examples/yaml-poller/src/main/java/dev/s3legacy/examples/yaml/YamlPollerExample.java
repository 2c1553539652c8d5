package dev.s3legacy.examples.yaml;

import dev.s3legacy.examples.common.ExampleRunner;

/**
 * {@code mvn -q -Pdemo test-compile exec:java -Dexample=yaml-poller}. The routes are in
 * {@code yaml-poller/poller.camel.yaml}, loaded by Camel Main ({@code camel.main.routesIncludePattern}).
 */
public final class YamlPollerExample {

    private YamlPollerExample() {
    }

    public static ExampleRunner runner() {
        return ExampleRunner.of("yaml-poller").bucket("example.bucket");
    }

    public static void main(String[] args) throws Exception {
        runner().run();
    }
}
