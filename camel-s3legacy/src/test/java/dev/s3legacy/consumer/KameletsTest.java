package dev.s3legacy.consumer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.s3legacy.client.RequestBody;
import dev.s3legacy.test.ProjectFiles;
import dev.s3legacy.test.S3ProxyServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets s3legacy-source and s3legacy-sink, loaded by camel-kamelet from the component's jar
 * (classpath:kamelets) and run in routes against the embedded s3proxy; credentials given the platform way,
 * as camel.kamelet.NAME.PROPERTY properties. (In this package for the s3proxy and helpers of ConsumerTestSupport.)
 */
class KameletsTest extends ConsumerTestSupport {

    private CamelContext context;

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
    }

    private CamelContext start(RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        for (String kamelet : List.of("s3legacy-source", "s3legacy-sink")) {
            String p = "camel.kamelet." + kamelet + ".";
            context.getPropertiesComponent().addInitialProperty(p + "endpoint", server.endpoint());
            context.getPropertiesComponent().addInitialProperty(p + "accessKey", S3ProxyServer.ACCESS_KEY);
            context.getPropertiesComponent().addInitialProperty(p + "secretKey", S3ProxyServer.SECRET_KEY);
        }
        context.addRoutes(routes);
        context.start();
        return context;
    }

    @Test
    void sinkWritesEachBodyUnderTheKeyTheMessageOrTheKameletNames() throws Exception {
        s3.createBucket("kamelet-sink");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:named").to("kamelet:s3legacy-sink?bucketName=kamelet-sink&keyName=fixed.txt");
                from("direct:unnamed").to("kamelet:s3legacy-sink?bucketName=kamelet-sink&signatureVersion=V2&callingFormat=PATH");
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        template.sendBody("direct:named", "by keyName");
        template.sendBodyAndHeader("direct:unnamed", "by header file", "file", "from-file-header.txt");
        template.sendBodyAndHeader("direct:unnamed", "by CamelS3LegacyKey", "CamelS3LegacyKey", "from-key-header.txt");
        Exchange anonymous = template.send("direct:unnamed", e -> e.getMessage().setBody("no name at all"));

        assertThat(content("kamelet-sink", "fixed.txt")).isEqualTo("by keyName");
        assertThat(content("kamelet-sink", "from-file-header.txt")).isEqualTo("by header file");
        assertThat(content("kamelet-sink", "from-key-header.txt")).isEqualTo("by CamelS3LegacyKey");
        // no name anywhere: the exchange id (the Kamelet's exchange, hence not compared with the caller's)
        Set<String> unnamed = new TreeSet<>(keys("kamelet-sink"));
        unnamed.removeAll(Set.of("fixed.txt", "from-file-header.txt", "from-key-header.txt"));
        assertThat(unnamed).hasSize(1);
        String key = unnamed.iterator().next();
        assertThat(key).startsWith(anonymous.getExchangeId().substring(0, anonymous.getExchangeId().indexOf('-') + 1));
        assertThat(content("kamelet-sink", key)).isEqualTo("no name at all");
    }

    @Test
    void sourceDeliversEachNewObjectOnceAndDeletesItAfterSuccess() throws Exception {
        s3.createBucket("kamelet-source");
        s3.put("kamelet-source", "in/a.txt", RequestBody.ofString("alpha")).close();
        s3.put("kamelet-source", "in/b.txt", RequestBody.ofString("beta")).close();
        s3.put("kamelet-source", "elsewhere/c.txt", RequestBody.ofString("outside the prefix")).close();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:s3legacy-source?bucketName=kamelet-source&prefix=in/&deleteAfterRead=true&delay=50")
                        .routeId("source").to("mock:objects");
            }
        });
        MockEndpoint objects = context.getEndpoint("mock:objects", MockEndpoint.class);
        objects.expectedMessageCount(2);
        objects.assertIsSatisfied(Duration.ofSeconds(20).toMillis());
        Set<String> delivered = new TreeSet<>();
        for (Exchange e : objects.getReceivedExchanges()) {
            delivered.add(e.getMessage().getHeader("CamelS3LegacyKey", String.class) + "=" + e.getMessage().getBody(String.class));
        }
        assertThat(delivered).containsExactly("in/a.txt=alpha", "in/b.txt=beta");
        await("both deleted after their exchange", Duration.ofSeconds(20),
                () -> !exists("kamelet-source", "in/a.txt") && !exists("kamelet-source", "in/b.txt"));
        assertThat(exists("kamelet-source", "elsewhere/c.txt")).isTrue();
    }

    /** The user guide's YAML route, as written: objects of incoming/orders/ copied to processed by the two Kamelets. */
    @Test
    void theGuidesYamlRoutePipesSourceIntoSink() throws Exception {
        String guide = java.nio.file.Files.readString(ProjectFiles.of("docs/user-guide.md"));
        String section = guide.substring(guide.indexOf("### Kamelets"), guide.indexOf("### camel-jbang"));
        String yaml = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```", section.indexOf("```yaml\n") + 8));
        s3.createBucket("incoming");
        s3.createBucket("processed");
        s3.put("incoming", "orders/1.json", RequestBody.ofString("{\"order\":1}")).close();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // no Java routes: the guide's YAML is loaded below; start() sets the Kamelets' endpoint and credentials
            }
        });
        org.apache.camel.support.PluginHelper.getRoutesLoader(context)
                .loadRoutes(org.apache.camel.support.ResourceHelper.fromString("guide.camel.yaml", yaml));
        await("orders/1.json in processed", Duration.ofSeconds(20), () -> exists("processed", "orders/1.json"));
        assertThat(content("processed", "orders/1.json")).isEqualTo("{\"order\":1}");
        // written to the sink's bucket only, not back to the source's (whose name the message carries)
        assertThat(keys("incoming")).containsExactly("orders/1.json");
    }

    /** Every {{placeholder}} of the template is a property of the spec; the required ones are declared. */
    @ParameterizedTest
    @ValueSource(strings = { "s3legacy-source", "s3legacy-sink" })
    @SuppressWarnings("unchecked")
    void templatePlaceholdersAreDeclaredInTheSpec(String name) throws Exception {
        String yaml;
        try (InputStream in = KameletsTest.class.getClassLoader().getResourceAsStream("kamelets/" + name + ".kamelet.yaml")) {
            assertThat(in).as(name + " in the jar's kamelets/").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        assertThat(((Map<String, Object>) kamelet.get("metadata")).get("name")).isEqualTo(name);
        Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec")).get("definition");
        Map<String, Object> properties = (Map<String, Object>) definition.get("properties");
        assertThat((List<String>) definition.get("required")).containsExactly("bucketName");
        Matcher m = Pattern.compile("\\{\\{\\??([A-Za-z]+)}}").matcher(yaml);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(properties.keySet()).containsAll(used);
        // and every declared property is used: the spec offers nothing the template ignores
        assertThat(used).containsAll(properties.keySet());
        properties.forEach((property, schema) -> assertThat((Map<String, Object>) schema)
                .as(property).containsKeys("title", "description", "type"));
    }
}
