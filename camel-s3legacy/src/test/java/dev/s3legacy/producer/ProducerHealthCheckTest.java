package dev.s3legacy.producer;

import java.util.Optional;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.S3LegacyComponent;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's readiness check (Camel's "producers" repository, camel-health): a one-key listing of the
 * bucket, DOWN with S3's error code and status, UP again, and its result reused for
 * healthCheckProducerInterval so probes do not hammer the store.
 */
class ProducerHealthCheckTest {

    private static S3ProxyServer server;
    private static S3Connection s3;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private CamelContext context;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
        s3 = new S3Connection(S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).build());
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
    }

    /** A context whose route sends to {@code uri}, with producer checks on as camel.health.producersEnabled=true does. */
    private CamelContext start(String uri, long intervalMillis) throws Exception {
        context = new DefaultCamelContext();
        S3LegacyComponent component = new S3LegacyComponent();
        component.setHealthCheckProducerInterval(intervalMillis);
        context.addComponent("s3legacy", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:put").to(uri);
            }
        });
        WritableHealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers",
                WritableHealthCheckRepository.class);
        producers.setEnabled(true);
        context.start();
        return context;
    }

    private static HealthCheck.Result readiness(CamelContext context) {
        Optional<HealthCheck.Result> result = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:s3legacy-")).findFirst();
        assertThat(result).as("the s3legacy producer check among "
                + HealthCheckHelper.invoke(context).stream().map(r -> r.getCheck().getId()).toList()).isPresent();
        return result.get();
    }

    private static String s3proxyUri(String bucket, String secret) {
        return "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + secret + ")&maxRetries=0";
    }

    @Test
    void upDownUpAsTheBucketGoesAndComesBack() throws Exception {
        s3.createBucket("phc-bucket");
        start(s3proxyUri("phc-bucket", S3ProxyServer.SECRET_KEY), 0);
        HealthCheck.Result up = readiness(context);
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsEntry("bucket", "phc-bucket").containsEntry("store", server.endpoint());

        s3.deleteBucket("phc-bucket");
        HealthCheck.Result down = readiness(context);
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry("service.error.code", "NoSuchBucket").containsEntry("service.status.code", 404);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("phc-bucket").contains("NoSuchBucket"));

        s3.createBucket("phc-bucket");
        assertThat(readiness(context).getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void wrongSecretKeyIsDownWithSignatureDoesNotMatchAndNoSecret() throws Exception {
        s3.createBucket("phc-wrongkey");
        start(s3proxyUri("phc-wrongkey", "not-the-secret"), 0);
        HealthCheck.Result down = readiness(context);
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry("service.error.code", "SignatureDoesNotMatch")
                .containsEntry("service.status.code", 403);
        assertThat(down.getDetails() + down.getMessage().orElse("")).doesNotContain("not-the-secret");
    }

    @Test
    void unreachableStoreIsDownWithoutStatus() throws Exception {
        S3ProxyServer stopped = S3ProxyServer.start();
        String endpoint = stopped.endpoint();
        stopped.close();
        start("s3legacy:gone?endpoint=" + endpoint + "&accessKey=AKIDEXAMPLE&secretKey=RAW(x)&maxRetries=0", 0);
        HealthCheck.Result down = readiness(context);
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsKey("service.error.code").doesNotContainKey("service.status.code");
    }

    @Test
    void theResultIsReusedForTheIntervalSoProbesDoNotHammerTheStore() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/cached/")).willReturn(aResponse().withStatus(200).withBody(
                "<ListBucketResult><Name>cached</Name><IsTruncated>false</IsTruncated></ListBucketResult>")));
        start("s3legacy:cached?endpoint=http://127.0.0.1:" + wm.getPort() + "&accessKey=AKIDEXAMPLE&secretKey=RAW(x)&prefix=in/",
                3_600_000);
        for (int i = 0; i < 5; i++) {
            assertThat(readiness(context).getState()).isEqualTo(HealthCheck.State.UP);
        }
        // one cheap request for five probes: a one-key listing under the prefix
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cached/")).withQueryParam("max-keys", equalTo("1"))
                .withQueryParam("prefix", equalTo("in/")));
    }

    @Test
    void healthCheckProducerEnabledFalseAsksNothing() throws Exception {
        context = new DefaultCamelContext();
        S3LegacyComponent component = new S3LegacyComponent();
        component.setHealthCheckProducerEnabled(false);
        context.addComponent("s3legacy", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:put").to("s3legacy:off?endpoint=http://127.0.0.1:" + wm.getPort() + "&accessKey=AKIDEXAMPLE&secretKey=RAW(x)");
            }
        });
        HealthCheckHelper.getHealthCheckRepository(context, "producers", WritableHealthCheckRepository.class).setEnabled(true);
        context.start();
        assertThat(HealthCheckHelper.invokeReadiness(context)).noneMatch(r -> r.getState() == HealthCheck.State.DOWN);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void negativeIntervalIsRefusedNamingTheOption() {
        S3LegacyComponent component = new S3LegacyComponent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> component.setHealthCheckProducerInterval(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("healthCheckProducerInterval");
    }
}
