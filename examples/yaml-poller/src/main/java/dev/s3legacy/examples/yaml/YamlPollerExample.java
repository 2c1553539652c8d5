package dev.s3legacy.examples.yaml;

import dev.s3legacy.examples.common.ExampleRunner;

/**
 * {@code mvn -q -Pdemo test-compile exec:java -Dexample=yaml-poller}. The routes are in
 * {@code yaml-poller/poller.camel.yaml}, loaded by Camel Main. The pattern is set here, not in
 * application.properties, so that {@code camel run poller.camel.yaml application.properties} (camel-jbang),
 * which loads the files it is given, can use the same two files.
 */
public final class YamlPollerExample {

    private YamlPollerExample() {
    }

    public static ExampleRunner runner() {
        return ExampleRunner.of("yaml-poller").routesIncludePattern("classpath:yaml-poller/poller.camel.yaml").bucket("example.bucket");
    }

    public static void main(String[] args) throws Exception {
        runner().run();
    }
}
