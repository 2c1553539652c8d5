package dev.s3legacy.examples.presign;

import dev.s3legacy.examples.common.ExampleRunner;

/** {@code mvn -q -Pdemo test-compile exec:java -Dexample=presigned-links} */
public final class PresignedLinksExample {

    private PresignedLinksExample() {
    }

    public static ExampleRunner runner(PresignedLinkRoutes routes) {
        return ExampleRunner.of("presigned-links").routes(routes).bucket("example.bucket");
    }

    public static void main(String[] args) throws Exception {
        runner(new PresignedLinkRoutes()).run();
    }
}
