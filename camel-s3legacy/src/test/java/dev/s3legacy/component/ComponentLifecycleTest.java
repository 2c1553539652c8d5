package dev.s3legacy.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.S3LegacyEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The component's threads, connections and leftover files live and die with the CamelContext. */
class ComponentLifecycleTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path spool;

    private String uri() {
        return "s3legacy:b-1?endpoint=http://127.0.0.1:" + wm.getPort() + "&accessKey=AKIDLIFECYCLE&secretKey=RAW(s3cr3t/key)"
                + "&operation=get&keyName=k&spoolDirectory=" + spool;
    }

    private CamelContext context(String name) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").to(uri());
            }
        });
        return camel;
    }

    private static Set<String> threadsOf(String contextName) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.contains(contextName) && n.contains("S3Legacy")).collect(Collectors.toSet());
    }

    /** Defect: threads came from raw `new Thread`s and a static sweeper, and outlived the context. */
    @Test
    void threadsComeFromTheCamelContextAndStopWithIt() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>")));
        CamelContext camel = context("lifecycle-threads");
        camel.start();
        // a retried request uses the timer (backoff), the HTTP client the worker pool
        Object result = camel.createProducerTemplate().request("direct:get", e -> { }).getException();
        assertThat(result).isNotNull();
        assertThat(threadsOf("(" + camel.getName() + ")")).as("threads named by the CamelContext").isNotEmpty();
        camel.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threadsOf("(" + camel.getName() + ")").isEmpty()) {
            assertThat(System.nanoTime()).as("threads still alive: " + threadsOf("(" + camel.getName() + ")")).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Defect: a stopped endpoint made a new connection (and HTTP client) for a late call. */
    @Test
    void aStoppedEndpointMakesNoNewConnection() throws Exception {
        CamelContext camel = context("lifecycle-connection");
        camel.start();
        S3LegacyEndpoint endpoint = camel.getEndpoints().stream().filter(S3LegacyEndpoint.class::isInstance)
                .map(S3LegacyEndpoint.class::cast).findFirst().orElseThrow();
        assertThat(endpoint.getConnection()).isNotNull();
        camel.stop();
        assertThatThrownBy(endpoint::getConnection).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
    }

    /** Defect: spool files of a crashed JVM stayed for ever. */
    @Test
    void staleSpoolFilesOfACrashedJvmAreSweptWhenTheEndpointStarts() throws Exception {
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        Path stale = Files.write(spool.resolve("s3legacy-spool-123.tmp"), new byte[10]);
        Files.setLastModifiedTime(stale, twoDaysAgo);
        Path fresh = Files.write(spool.resolve("s3legacy-spool-456.tmp"), new byte[10]);
        Path someoneElses = Files.write(spool.resolve("report.tmp"), new byte[10]);
        Files.setLastModifiedTime(someoneElses, twoDaysAgo);

        CamelContext camel = context("lifecycle-sweep");
        camel.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.exists(stale)) {
                assertThat(System.nanoTime()).as("stale spool file deleted").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(fresh).exists();
            assertThat(someoneElses).exists();
        } finally {
            camel.stop();
        }
    }

    /** Defect: toString() printed the access key id in clear. */
    @Test
    void theEndpointNeverShowsTheWholeAccessKey() throws Exception {
        CamelContext camel = context("lifecycle-mask");
        camel.start();
        try {
            S3LegacyEndpoint endpoint = camel.getEndpoints().stream().filter(S3LegacyEndpoint.class::isInstance)
                    .map(S3LegacyEndpoint.class::cast).findFirst().orElseThrow();
            for (String text : new String[] {endpoint.toString(), endpoint.getClientConfig().toString(),
                    endpoint.getConnection().toString(), String.valueOf(endpoint.getConfiguration())}) {
                assertThat(text).doesNotContain("AKIDLIFECYCLE").doesNotContain("s3cr3t");
            }
        } finally {
            camel.stop();
        }
    }
}
