package dev.s3legacy.examples.move;

import dev.s3legacy.examples.common.ExampleRunner;

/** {@code mvn -q -Pdemo test-compile exec:java -Dexample=move-after-read} */
public final class MoveAfterReadExample {

    private MoveAfterReadExample() {
    }

    public static ExampleRunner runner() {
        return ExampleRunner.of("move-after-read").routes(new MoveAfterReadRoutes())
                .bucket("example.incoming").bucket("example.results").bucket("example.archive");
    }

    public static void main(String[] args) throws Exception {
        runner().run();
    }
}
