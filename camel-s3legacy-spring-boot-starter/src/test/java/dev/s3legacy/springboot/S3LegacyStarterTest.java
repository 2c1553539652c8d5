package dev.s3legacy.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.s3legacy.S3LegacyComponent;
import dev.s3legacy.S3LegacyConfiguration;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.CallingFormat;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a real Spring Boot application: {@code camel.component.s3legacy.*} properties configure the
 * component (store, credentials, signing, calling format, a duration, a bean reference), a route puts an object
 * into the embedded s3proxy and another one polls it back, and the actuator's health endpoint, over HTTP, reports
 * the component's consumer and producer checks, one of them DOWN with S3's error code.
 */
@SpringBootTest(classes = S3LegacyStarterTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always",
            "camel.health.producers-enabled=true",
            "camel.health.exposure-level=full",
            "camel.component.s3legacy.region=eu-west-1",
            "camel.component.s3legacy.signature-version=V2",
            "camel.component.s3legacy.calling-format=path",
            "camel.component.s3legacy.connect-timeout=5s",
            "camel.component.s3legacy.max-retries=1",
            "camel.component.s3legacy.spool-downloads=false",
            "camel.component.s3legacy.health-check-producer-interval=1s",
            "camel.component.s3legacy.idempotent-repository=#bean:starterRepository"
        })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class S3LegacyStarterTest {

    static final S3ProxyServer SERVER = S3ProxyServer.start();
    static final BlockingQueue<Exchange> POLLED = new LinkedBlockingQueue<>();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("camel.component.s3legacy.endpoint", SERVER::endpoint);
        registry.add("camel.component.s3legacy.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("camel.component.s3legacy.secret-key", () -> S3ProxyServer.SECRET_KEY);
        try (S3Connection s3 = client()) {
            s3.createBucket("starter-bucket");
        }
    }

    static S3Connection client() {
        return new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(SERVER.endpoint()).build());
    }

    @SpringBootApplication
    static class App {

        /** Closed with the context, after Camel has stopped its consumers (lifecycle stop comes before destroy). */
        @Bean(destroyMethod = "close")
        S3ProxyServer s3proxy() {
            return SERVER;
        }

        /** Referenced as #bean:starterRepository: object options bind to beans. */
        @Bean
        IdempotentRepository starterRepository() {
            return MemoryIdempotentRepository.memoryIdempotentRepository();
        }

        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:put").routeId("put").to("s3legacy:starter-bucket");
                    // the body read while the exchange is live, as a route does; the test reads the copy later
                    from("s3legacy:starter-bucket?delay=200&initialDelay=0").routeId("poll")
                            .convertBodyTo(String.class)
                            .process(e -> POLLED.add(e.copy()));
                    // a bucket that does not exist: its consumer check goes DOWN with S3's error code
                    from("s3legacy:no-such-starter-bucket?delay=200&initialDelay=0").routeId("poll-missing")
                            .log("never");
                }
            };
        }
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    Environment environment;

    @Autowired
    IdempotentRepository repository;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(60)
    void propertiesConfigureTheComponentAndARoutePutsAndAnotherPollsBack(CapturedOutput output) throws Exception {
        S3LegacyComponent component = camelContext.getComponent("s3legacy", S3LegacyComponent.class);
        S3LegacyConfiguration config = component.getConfiguration();
        assertThat(config.getEndpoint()).isEqualTo(SERVER.endpoint());
        assertThat(config.getAccessKey()).isEqualTo(S3ProxyServer.ACCESS_KEY);
        assertThat(config.getSecretKey()).isEqualTo(S3ProxyServer.SECRET_KEY);
        assertThat(config.getRegion()).isEqualTo("eu-west-1");
        assertThat(config.getSignatureVersion()).isEqualTo(SignatureVersion.V2);
        assertThat(config.getCallingFormat()).isEqualTo(CallingFormat.PATH);
        assertThat(config.getConnectTimeout()).isEqualTo(5000L);
        assertThat(config.getMaxRetries()).isEqualTo(1);
        assertThat(config.isSpoolDownloads()).isFalse();
        assertThat(config.getIdempotentRepository()).isSameAs(repository);
        assertThat(component.getHealthCheckProducerInterval()).isEqualTo(1000L);

        ProducerTemplate template = camelContext.createProducerTemplate();
        template.sendBodyAndHeader("direct:put", "hello from Spring Boot", S3LegacyConstants.KEY, "boot/hello.txt");
        try (S3Connection s3 = client(); var response = s3.get("starter-bucket", "boot/hello.txt")) {
            assertThat(response.body().asString()).isEqualTo("hello from Spring Boot");
        }

        Exchange polled = POLLED.poll(30, TimeUnit.SECONDS);
        assertThat(polled).as("the object polled back").isNotNull();
        assertThat(polled.getMessage().getHeader(S3LegacyConstants.KEY)).isEqualTo("boot/hello.txt");
        assertThat(polled.getMessage().getBody(String.class)).isEqualTo("hello from Spring Boot");
        // remembered in the repository the property named, once the exchange completed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (((MemoryIdempotentRepository) repository).getCacheSize() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(((MemoryIdempotentRepository) repository).getCacheSize()).isEqualTo(1);

        assertThat(output.getAll()).as("no secret in the application's output").doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    @Timeout(60)
    void theActuatorHealthEndpointReportsTheComponentsChecks() throws Exception {
        // camel-spring-boot's indicator under /actuator/health, each Camel check a detail (exposure-level=full)
        JsonObject body = new JsonObject();
        JsonObject details = new JsonObject();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // until both consumers have polled (the missing bucket's with S3's answer) and the producer check has run
        while (System.nanoTime() < deadline && !("UP".equals(details.get("consumer:poll"))
                && details.get("consumer:poll-missing.data") instanceof JsonObject polled
                && polled.containsKey("service.error.code")
                && details.keySet().stream().anyMatch(k -> k.startsWith("producer:s3legacy-")))) {
            Thread.sleep(100);
            body = health();
            details = (JsonObject) ((JsonObject) ((JsonObject) body.get("components")).get("camelHealth")).get("details");
        }
        // DOWN overall: the missing bucket's consumer is down
        assertThat(body.get("status")).isEqualTo("DOWN");
        assertThat(details.get("consumer:poll")).isEqualTo("UP");
        assertThat(details.get("consumer:poll-missing")).isEqualTo("DOWN");
        JsonObject missing = (JsonObject) details.get("consumer:poll-missing.data");
        assertThat(missing.get("service.error.code")).isEqualTo("NoSuchBucket");
        assertThat(String.valueOf(missing.get("service.status.code"))).isEqualTo("404");

        String producer = details.keySet().stream().filter(k -> k.startsWith("producer:s3legacy-") && !k.endsWith(".data"))
                .findFirst().orElseThrow();
        assertThat(details.get(producer)).isEqualTo("UP");
        JsonObject probe = (JsonObject) details.get(producer + ".data");
        assertThat(probe.get("bucket")).isEqualTo("starter-bucket");
        assertThat(probe.get("store")).isEqualTo(SERVER.endpoint());

        assertThat(details.toJson()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    private JsonObject health() throws Exception {
        URI health = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + "/actuator/health");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return (JsonObject) Jsoner.deserialize(response.body());
    }

    @Test
    void theCustomizerIsTheStartersAndTheConfigurationIsBound(@Autowired S3LegacyComponentConfiguration configuration,
            @Autowired java.util.List<ComponentCustomizer> customizers) {
        assertThat(configuration.getRegion()).isEqualTo("eu-west-1");
        assertThat(customizers).anyMatch(c -> c.isEnabled("s3legacy", new S3LegacyComponent()));
    }
}
