package dev.s3legacy.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.model.ListEntry;
import dev.s3legacy.examples.common.ExampleRunner;

/** What the example tests share: the examples' default credentials, a client for checking effects, waiting. */
final class ExampleTestSupport {

    /** The credentials in the examples' application.properties, which the embedded server accepts. */
    static final String ACCESS_KEY = "AKIAS3LEGACYDEMO0001";
    static final String SECRET_KEY = "demo/Secret+Key/0123456789abcdefghijklmn";

    private ExampleTestSupport() {
    }

    /** Test runs keep their files apart from the examples' own runs. */
    static ExampleRunner isolated(ExampleRunner runner, String name) {
        return runner.property("example.workDir", "target/example-tests/" + name)
                .property("example.cleanStart", "true")
                .property("s3.endpoint", ExampleRunner.EMBEDDED);
    }

    static S3Connection client(ExampleRunner runner) {
        return new S3Connection(S3ClientConfig.builder().credentials(ACCESS_KEY, SECRET_KEY)
                .endpoint(runner.server().endpoint()).build());
    }

    static List<String> keys(S3Connection s3, String bucket, String prefix) {
        return s3.listBucket(bucket, prefix, null, null, null).getEntries().stream().map(ListEntry::getKey).sorted().toList();
    }

    static String text(S3Connection s3, String bucket, String key) {
        try (var response = s3.get(bucket, key)) {
            return response.body().asString();
        }
    }

    /** Waits until the condition holds; fails with the message after the timeout. */
    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Regular files below a directory, as paths relative to it with / separators. */
    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
