package dev.s3legacy.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.converter.GenericConverter.ConvertiblePair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's properties against the component's own metadata ({@code componentProperties} of
 * META-INF/dev/s3legacy/s3legacy.json): one field per option, same name, the type the mapping below gives; the
 * Spring configuration metadata an IDE reads lists each of them with the component's default; every object
 * option can be given as a bean reference. An option added to the component fails here until the starter has it.
 */
class S3LegacyComponentConfigurationTest {

    private static final String PREFIX = "camel.component.s3legacy.";

    @Test
    void everyComponentOptionIsAPropertyOfTheSameNameAndType() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        componentProperties().forEach((name, option) -> expected.put(name, springType((JsonObject) option)));

        Map<String, String> actual = new LinkedHashMap<>();
        for (Field field : S3LegacyComponentConfiguration.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.getName().equals("enabled")) {
                actual.put(field.getName(), field.getGenericType().getTypeName());
            }
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void theIdeMetadataListsEveryOptionWithTheComponentsDefault() throws Exception {
        Map<String, JsonObject> metadata = new LinkedHashMap<>();
        for (Object p : (JsonArray) starterMetadata().get("properties")) {
            JsonObject property = (JsonObject) p;
            metadata.put(property.getString("name"), property);
        }
        assertThat(metadata).containsKey(PREFIX + "enabled");
        componentProperties().forEach((name, o) -> {
            JsonObject option = (JsonObject) o;
            JsonObject property = metadata.get(PREFIX + kebab(name));
            assertThat(property).as("metadata of " + name).isNotNull();
            assertThat(property.getString("description")).as("description of " + name).isNotBlank();
            Object componentDefault = option.get("defaultValue");
            assertThat(String.valueOf(property.get("defaultValue"))).as("default of " + name)
                    .isEqualTo(String.valueOf(componentDefault));
        });
    }

    @Test
    void everyObjectOptionTakesABeanReference() throws Exception {
        Set<String> convertible = new S3LegacyComponentConverter(null).getConvertibleTypes().stream()
                .map(ConvertiblePair::getTargetType).map(Class::getName).collect(Collectors.toSet());
        Set<String> objectTypes = componentProperties().values().stream().map(o -> (JsonObject) o)
                .filter(o -> "object".equals(o.getString("type")))
                .map(o -> o.getString("javaType").replaceAll("<.*", "")).collect(Collectors.toSet());
        assertThat(convertible).containsExactlyInAnyOrderElementsOf(objectTypes);
    }

    /**
     * The mapping of Camel's starters: wrappers for primitives, Java enums as themselves, object options by their
     * type; durations as text, so that {@code 10s} or {@code 1m30s} work as in Camel's own property syntax.
     */
    static String springType(JsonObject option) {
        String javaType = option.getString("javaType");
        return switch (option.getString("type")) {
            case "duration", "string" -> "java.lang.String";
            case "boolean" -> "java.lang.Boolean";
            case "integer" -> javaType.equals("long") || javaType.equals("java.lang.Long") ? "java.lang.Long" : "java.lang.Integer";
            case "enum", "object" -> javaType;
            default -> throw new AssertionError("a type the starter does not map: " + option);
        };
    }

    static String kebab(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonObject componentProperties() throws IOException {
        try (InputStream in = S3LegacyComponentConfigurationTest.class.getClassLoader()
                .getResourceAsStream("META-INF/dev/s3legacy/s3legacy.json")) {
            assertThat(in).as("the component's JSON on the class path").isNotNull();
            JsonObject json = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (JsonObject) json.get("componentProperties");
        } catch (org.apache.camel.util.json.DeserializationException e) {
            throw new IOException(e);
        }
    }

    /** The starter's own spring-configuration-metadata.json among those of every starter on the class path. */
    private static JsonObject starterMetadata() throws Exception {
        for (URL url : Collections.list(S3LegacyComponentConfigurationTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonObject json = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                for (Object group : (JsonArray) json.get("groups")) {
                    if ((PREFIX + "x").startsWith(((JsonObject) group).getString("name") + ".")
                            && S3LegacyComponentConfiguration.class.getName().equals(((JsonObject) group).getString("type"))) {
                        return json;
                    }
                }
            }
        }
        throw new AssertionError("no spring-configuration-metadata.json of the starter on the class path");
    }
}
