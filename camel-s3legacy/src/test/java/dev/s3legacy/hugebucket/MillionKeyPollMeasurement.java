package dev.s3legacy.hugebucket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: the million-key measurement of issue 13, run on demand only.
 * <pre>mvn -B -o test -Dtest=MillionKeyPollMeasurement -Ds3legacy.millionKeys=true [-Ds3legacy.keys=1000000]</pre>
 * Forks {@link MillionKeyPoll} with -Xmx128m and prints its figures.
 */
@EnabledIfSystemProperty(named = "s3legacy.millionKeys", matches = "true")
class MillionKeyPollMeasurement {

    @Test
    void firstPollOfAMillionKeyListingAt128MiB() throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", classpath, MillionKeyPoll.class.getName(), System.getProperty("s3legacy.keys", "1000000")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).isTrue();
        String figures = out.lines().filter(l -> l.startsWith("MILLION-KEY-POLL") || l.contains("OutOfMemoryError")).reduce("", (a, b) -> a + b + "\n");
        System.out.println(figures);
        assertThat(process.exitValue()).as(out.length() > 4000 ? out.substring(out.length() - 4000) : out).isZero();
        assertThat(figures).contains("MILLION-KEY-POLL");
    }
}
