package dev.s3legacy.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.s3legacy.examples.ExampleTestSupport.await;
import static dev.s3legacy.examples.ExampleTestSupport.files;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The yaml-poller's two files run the way {@code camel run poller.camel.yaml application.properties
 * --dep=dev.s3legacy:camel-s3legacy:...} runs them (camel-jbang cannot be fetched here): plain Camel Main given
 * the files by path, the component found on the class path as a {@code --dep} jar puts it there, the store
 * named by the environment variables the README's command sets, and no example runner (no embedded server,
 * no bucket created for it).
 */
class YamlPollerCamelRunTest {

    /** From the examples module's folder, where its tests run. */
    private static final String FILES = "yaml-poller/src/main/resources/yaml-poller/";

    @Test
    @Timeout(60)
    void theYamlAndItsPropertiesRunAsCamelRunLoadsThem() throws Exception {
        Files.createDirectories(Path.of("target/example-tests"));
        Path work = Files.createTempDirectory(Path.of("target/example-tests"), "yaml-poller-camel-run-");
        try (S3ProxyServer server = S3ProxyServer.start();
             S3Connection s3 = new S3Connection(S3ClientConfig.builder()
                     .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).endpoint(server.endpoint()).build())) {
            s3.createBucket("inbox"); // camel run creates no bucket: the README says to make it first
            Main main = new Main();
            main.setPropertyPlaceholderLocations("file:" + FILES + "application.properties");
            main.configure().withRoutesIncludePattern("file:" + FILES + "poller.camel.yaml");
            // what S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY and EXAMPLE_SECONDS=0 set in the README's command
            main.addOverrideProperty("s3.endpoint", server.endpoint());
            main.addOverrideProperty("s3.accessKey", S3ProxyServer.ACCESS_KEY);
            main.addOverrideProperty("s3.secretKey", S3ProxyServer.SECRET_KEY);
            main.addOverrideProperty("camel.main.durationMaxSeconds", "0");
            main.addOverrideProperty("example.workDir", work.toString());
            main.addOverrideProperty("example.pollDelay", "200");
            main.addOverrideProperty("example.feedEvery", "300");
            main.start();
            try {
                assertThat(main.getCamelContext().getRoute("yaml-poller")).isNotNull();
                s3.put("inbox", "notes/by-test.txt", RequestBody.ofString("written by the test")).close();
                Path downloads = work.resolve("downloads");
                await(Duration.ofSeconds(20), "the test's object and a feeder object delivered",
                        () -> files(downloads).contains("notes/by-test.txt") && files(downloads).size() >= 2);
                assertThat(Files.readString(downloads.resolve("notes/by-test.txt"))).isEqualTo("written by the test");
            } finally {
                main.stop();
            }
        }
    }
}
