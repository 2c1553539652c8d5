package dev.s3legacy.consumer;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.s3legacy.S3LegacyEndpoint;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.spi.EndpointServiceRegistry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev console {@code s3legacy} (found by its id, as camel-console and camel-jbang find it), the same figures
 * as JMX attributes of the endpoint and consumer (camel-management), and the endpoint's service location.
 */
class DevConsoleAndJmxTest extends ConsumerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private CamelContext context;
    private String bucket;

    private void startWithThreeDelivered() throws Exception {
        bucket = newBucket("console");
        for (int i = 0; i < 3; i++) {
            put(bucket, "in/object-" + i, "data " + i);
        }
        context = start(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(bucket, "prefix=in/&initialDelay=0&delay=20")).routeId("poller").to("mock:delivered");
                from("direct:send").to("s3legacy:" + bucket + "-out?endpoint=" + server.endpoint() + "&accessKey="
                        + S3ProxyServer.ACCESS_KEY + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&signatureVersion=V2&callingFormat=PATH");
            }
        });
        S3LegacyEndpoint endpoint = context.getRoute("poller").getEndpoint() instanceof S3LegacyEndpoint e ? e : null;
        assertThat(endpoint).isNotNull();
        await("three objects delivered and completed", WAIT,
                () -> endpoint.getDeliveredCount() == 3 && endpoint.getObjectsInFlight() == 0);
    }

    private DevConsole console() {
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("s3legacy");
        assertThat(console).as("dev console s3legacy on the class path").isNotNull();
        return console;
    }

    @SuppressWarnings("unchecked")
    private static JsonObject endpointEntry(JsonObject json, String bucketName) {
        List<JsonObject> endpoints = (List<JsonObject>) json.get("endpoints");
        return endpoints.stream().filter(e -> bucketName.equals(e.getString("bucket"))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for bucket " + bucketName + " in " + json.toJson()));
    }

    @Test
    void devConsoleJsonHasTheFiguresOfEachEndpoint() throws Exception {
        startWithThreeDelivered();
        JsonObject json = (JsonObject) console().call(DevConsole.MediaType.JSON);

        JsonObject poller = endpointEntry(json, bucket);
        assertThat(poller.getString("store")).isEqualTo(server.endpoint());
        assertThat(poller.getString("prefix")).isEqualTo("in/");
        assertThat(poller.getString("signatureVersion")).isEqualTo("V4");
        assertThat(poller.getString("callingFormat")).isEqualTo("SUBDOMAIN");
        assertThat(poller.getInteger("objectsInFlight")).isZero();
        assertThat(poller.getLong("deliveredCount")).isEqualTo(3);
        assertThat(poller.getLong("failedCount")).isZero();
        assertThat(Instant.parse(poller.getString("lastListingTime"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(poller.getLong("lastListingDurationMillis")).isNotNegative();
        assertThat(poller).doesNotContainKey("lastError");

        JsonObject sender = endpointEntry(json, bucket + "-out");
        assertThat(sender.getString("prefix")).isEmpty();
        assertThat(sender.getString("signatureVersion")).isEqualTo("V2");
        assertThat(sender.getString("callingFormat")).isEqualTo("PATH");
        assertThat(sender.getLong("deliveredCount")).isZero();
        assertThat(sender).doesNotContainKey("lastListingTime");

        // URIs are sanitized: no credential in the console
        assertThat(json.toJson()).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(S3ProxyServer.ACCESS_KEY)
                .contains("secretKey=xxxxxx");
        System.out.println("dev console s3legacy (JSON): " + json.toJson());
    }

    @Test
    void devConsoleTextAndLastError() throws Exception {
        startWithThreeDelivered();
        String failing = newBucket("console-fail");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("s3legacy:" + failing + "?endpoint=" + server.endpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                        + "&secretKey=RAW(wrong-secret)&maxRetries=0&initialDelay=0&delay=20").routeId("failing").to("mock:never");
            }
        });
        S3LegacyEndpoint endpoint = (S3LegacyEndpoint) context.getRoute("failing").getEndpoint();
        await("a failed poll recorded", WAIT, () -> !endpoint.getLastErrorMessage().isEmpty());

        JsonObject failed = endpointEntry((JsonObject) console().call(DevConsole.MediaType.JSON), failing);
        assertThat(failed.getString("lastError")).contains("SignatureDoesNotMatch").contains("403").doesNotContain("wrong-secret");
        assertThat(Instant.parse(failed.getString("lastErrorTime"))).isNotNull();

        String text = (String) console().call(DevConsole.MediaType.TEXT);
        assertThat(text).contains("Bucket: " + bucket + "   Prefix: in/").contains("Delivered: 3").contains("Last listing: ")
                .contains("Last error: S3LegacyException: S3 GET").doesNotContain("wrong-secret");
        System.out.println("dev console s3legacy (text):\n" + text);
    }

    @Test
    void jmxShowsTheSameFiguresOnEndpointAndConsumer() throws Exception {
        startWithThreeDelivered();
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        String name = context.getManagementName();
        ObjectName endpointName = only(mbeans.queryNames(new ObjectName("org.apache.camel:context=" + name + ",type=endpoints,*"), null),
                mbeans, bucket);
        assertThat(mbeans.getAttribute(endpointName, "DeliveredCount")).isEqualTo(3L);
        assertThat(mbeans.getAttribute(endpointName, "FailedCount")).isEqualTo(0L);
        assertThat(mbeans.getAttribute(endpointName, "ObjectsInFlight")).isEqualTo(0);
        assertThat(mbeans.getAttribute(endpointName, "ListingPrefix")).isEqualTo("in/");
        assertThat(mbeans.getAttribute(endpointName, "SigningVersion")).isEqualTo("V4");
        assertThat(mbeans.getAttribute(endpointName, "Addressing")).isEqualTo("SUBDOMAIN");
        assertThat(mbeans.getAttribute(endpointName, "ServiceUrl")).isEqualTo(server.endpoint());
        assertThat(mbeans.getAttribute(endpointName, "ServiceProtocol")).isEqualTo("http");
        // running transfers (see TransferProgressTest for one in progress): none once the objects were fetched
        assertThat(mbeans.getAttribute(endpointName, "TransfersInProgress")).isEqualTo(0);
        assertThat((String[]) mbeans.getAttribute(endpointName, "TransferProgress")).isEmpty();
        assertThat(Instant.parse((String) mbeans.getAttribute(endpointName, "LastListingTime"))).isNotNull();
        assertThat((Long) mbeans.getAttribute(endpointName, "LastListingDurationMillis")).isNotNegative();
        assertThat(mbeans.getAttribute(endpointName, "LastErrorMessage")).isEqualTo("");

        List<ObjectName> consumers = mbeans.queryNames(new ObjectName("org.apache.camel:context=" + name + ",type=consumers,*"), null)
                .stream().filter(n -> n.getKeyProperty("name").startsWith("S3LegacyConsumer")).toList();
        assertThat(consumers).hasSize(1);
        ObjectName consumer = consumers.iterator().next();
        assertThat(mbeans.getAttribute(consumer, "DeliveredCount")).isEqualTo(3L);
        assertThat(mbeans.getAttribute(consumer, "InFlightCount")).isEqualTo(0);
        assertThat(mbeans.getAttribute(consumer, "FailedCount")).isEqualTo(0L);
        assertThat(mbeans.getAttribute(consumer, "LastListingTime")).isEqualTo(mbeans.getAttribute(endpointName, "LastListingTime"));
    }

    private static ObjectName only(Set<ObjectName> names, MBeanServer mbeans, String bucketName) throws Exception {
        for (ObjectName n : names) {
            if (n.getKeyProperty("name").contains("s3legacy") && bucketName.equals(mbeans.getAttribute(n, "Bucket"))) {
                return n;
            }
        }
        throw new AssertionError("no s3legacy endpoint MBean for " + bucketName + " among " + names);
    }

    @Test
    void endpointServiceLocationNamesTheStoreBucketAndRegion() throws Exception {
        startWithThreeDelivered();
        S3LegacyEndpoint endpoint = (S3LegacyEndpoint) context.getRoute("poller").getEndpoint();
        assertThat(endpoint.getServiceUrl()).isEqualTo(server.endpoint());
        assertThat(endpoint.getServiceProtocol()).isEqualTo("http");
        assertThat(endpoint.getServiceMetadata()).containsEntry("bucket", bucket).containsEntry("region", "us-east-1");

        EndpointServiceRegistry services = context.getCamelContextExtension().getEndpointServiceRegistry();
        assertThat(services).isNotNull();
        assertThat(services.listAllEndpointServices()).anySatisfy(s -> {
            assertThat(s.getComponent()).isEqualTo("s3legacy");
            assertThat(s.getServiceUrl()).isEqualTo(server.endpoint());
            assertThat(s.getServiceProtocol()).isEqualTo("http");
            assertThat(s.getDirection()).isEqualTo("in");
        });
    }
}
