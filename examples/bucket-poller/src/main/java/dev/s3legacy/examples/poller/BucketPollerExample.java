package dev.s3legacy.examples.poller;

import dev.s3legacy.examples.common.ExampleRunner;

/** {@code mvn -q -Pdemo test-compile exec:java -Dexample=bucket-poller} */
public final class BucketPollerExample {

    private BucketPollerExample() {
    }

    public static ExampleRunner runner() {
        return ExampleRunner.of("bucket-poller").routes(new BucketPollerRoutes()).bucket("example.bucket");
    }

    public static void main(String[] args) throws Exception {
        runner().run();
    }
}
