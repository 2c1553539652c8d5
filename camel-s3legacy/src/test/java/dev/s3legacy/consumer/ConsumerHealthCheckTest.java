package dev.s3legacy.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.S3LegacyComponent;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's readiness check, read through Camel's health check registry (camel-health) as a platform
 * reads it: DOWN with S3's error code and HTTP status while polls fail, UP again once they succeed.
 */
class ConsumerHealthCheckTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private CamelContext poll(String uri) throws Exception {
        CamelContext context = start(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from(uri + "&initialDelay=0&delay=20").routeId("poller").to("mock:delivered");
            }
        });
        // what camel-main does for camel.health.consumersEnabled (the default): the consumers' checks join the registry
        assertThat(HealthCheckHelper.getHealthCheckRepository(context, "consumers")).isNotNull();
        return context;
    }

    /** The route's consumer check, as the registry reports it for a readiness probe. */
    private static HealthCheck.Result readiness(CamelContext context) {
        Optional<HealthCheck.Result> result = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:poller")).findFirst();
        assertThat(result).as("consumer check of route poller in the registry, among "
                + HealthCheckHelper.invoke(context).stream().map(r -> r.getCheck().getId()).toList()).isPresent();
        return result.get();
    }

    private static HealthCheck.Result awaitState(CamelContext context, HealthCheck.State state, String why) {
        await("consumer check " + state + " (" + why + ")", WAIT, () -> readiness(context).getState() == state);
        return readiness(context);
    }

    @Test
    void missingBucketIsDownWithNoSuchBucketAndUpOnceCreated() throws Exception {
        String bucket = newBucket("health");
        CamelContext context = poll(uri(bucket, "maxRetries=0"));
        awaitState(context, HealthCheck.State.UP, "bucket there");

        s3.deleteBucket(bucket);
        HealthCheck.Result down = awaitState(context, HealthCheck.State.DOWN, "bucket deleted");
        assertThat(down.getDetails()).containsEntry("service.error.code", "NoSuchBucket")
                .containsEntry("service.status.code", 404).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 404);
        assertThat(down.getError()).isPresent();
        assertThat(down.getError().get().getMessage()).contains("NoSuchBucket");

        s3.createBucket(bucket);
        HealthCheck.Result up = awaitState(context, HealthCheck.State.UP, "bucket created again");
        assertThat(up.getDetails()).doesNotContainKey("service.error.code");
    }

    @Test
    void wrongSecretKeyIsDownWithSignatureDoesNotMatch() throws Exception {
        String bucket = newBucket("wrongkey");
        String uri = "s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(not-the-secret)&maxRetries=0";
        CamelContext context = poll(uri);
        HealthCheck.Result down = awaitState(context, HealthCheck.State.DOWN, "first poll refused");
        await("a failed poll counted", WAIT, () -> readiness(context).getDetails().containsKey("service.error.code"));
        down = readiness(context);
        assertThat(down.getDetails()).containsEntry("service.error.code", "SignatureDoesNotMatch")
                .containsEntry("service.status.code", 403);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("failed polling"));
        // the details and message carry no secret
        assertThat(down.getDetails().toString() + down.getMessage().orElse("")).doesNotContain("not-the-secret");
    }

    @Test
    void storeErrorsOnTheWireGoDownAndUpAgain() throws Exception {
        String ok = ConsumerWireTest.page("wire", null, List.of(), false, null);
        wm.stubFor(get(urlPathEqualTo("/wire/")).willReturn(aResponse().withStatus(200).withBody(ok)));
        CamelContext context = poll("s3legacy:wire?endpoint=http://127.0.0.1:" + wm.getPort()
                + "&accessKey=AKIDEXAMPLE&secretKey=RAW(secret/EXAMPLE/key)&maxRetries=0");
        awaitState(context, HealthCheck.State.UP, "listing answered");

        wm.stubFor(get(urlPathEqualTo("/wire/")).willReturn(aResponse().withStatus(403)
                .withHeader("x-amz-request-id", "REQ403")
                .withBody("<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match"
                        + "</Message><RequestId>REQ403</RequestId></Error>")));
        HealthCheck.Result refused = awaitState(context, HealthCheck.State.DOWN, "403");
        await("403 details", WAIT, () -> "SignatureDoesNotMatch".equals(readiness(context).getDetails().get("service.error.code")));
        refused = readiness(context);
        assertThat(refused.getDetails()).containsEntry("service.status.code", 403).containsEntry("service.request.id", "REQ403");

        // unreachable: no response at all, so no status; the previous failure's status must not linger
        wm.stubFor(get(urlPathEqualTo("/wire/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        await("connection fault reported", WAIT, () -> {
            Map<String, Object> d = readiness(context).getDetails();
            return readiness(context).getState() == HealthCheck.State.DOWN && d.containsKey("service.error.code")
                    && !"SignatureDoesNotMatch".equals(d.get("service.error.code"));
        });
        assertThat(readiness(context).getDetails()).doesNotContainKeys("service.status.code", "service.request.id");

        wm.stubFor(get(urlPathEqualTo("/wire/")).willReturn(aResponse().withStatus(200).withBody(ok)));
        awaitState(context, HealthCheck.State.UP, "listing answered again");
    }

    @Test
    void healthCheckConsumerEnabledFalseKeepsFailingPollsOutOfReadiness() throws Exception {
        String bucket = newBucket("disabled");
        CamelContext context = new org.apache.camel.impl.DefaultCamelContext();
        S3LegacyComponent component = new S3LegacyComponent();
        component.setHealthCheckConsumerEnabled(false);
        context.addComponent("s3legacy", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("s3legacy:" + bucket + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                        + "&secretKey=RAW(not-the-secret)&maxRetries=0&initialDelay=0&delay=20").routeId("poller").to("mock:delivered");
            }
        });
        context.start();
        try {
            HealthCheckHelper.getHealthCheckRepository(context, "consumers");
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoute("poller").getConsumer();
            await("a failed poll", WAIT, () -> consumer.getErrorCounter() > 0);
            assertThat(consumer.getHealthCheck().isEnabled()).isFalse();
            assertThat(HealthCheckHelper.invokeReadiness(context)).noneMatch(r -> r.getState() == HealthCheck.State.DOWN);
        } finally {
            context.stop();
        }
    }
}
