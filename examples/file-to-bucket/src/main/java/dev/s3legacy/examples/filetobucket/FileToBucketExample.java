package dev.s3legacy.examples.filetobucket;

import dev.s3legacy.examples.common.ExampleRunner;

/** {@code mvn -q -Pdemo test-compile exec:java -Dexample=file-to-bucket} */
public final class FileToBucketExample {

    private FileToBucketExample() {
    }

    public static ExampleRunner runner() {
        return ExampleRunner.of("file-to-bucket").routes(new FileToBucketRoutes()).bucket("example.bucket");
    }

    public static void main(String[] args) throws Exception {
        runner().run();
    }
}
