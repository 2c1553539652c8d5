package dev.s3legacy.producer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.s3legacy.S3LegacyOperations;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component page documents every option and header of the component's metadata (the tables are
 * written by hand, since camel-package-maven-plugin does not fill them outside Camel's own site).
 */
class ComponentDocsTest {

    private static final Path DOC = Path.of("src/main/docs/s3legacy-component.adoc");

    private static JsonObject metadata() throws Exception {
        try (InputStream in = ComponentDocsTest.class.getClassLoader().getResourceAsStream("META-INF/dev/s3legacy/s3legacy.json")) {
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The lines between {@code // <marker>: START} and {@code // <marker>: END}. */
    private static List<String> section(String doc, String marker) {
        int start = doc.indexOf("// " + marker + ": START");
        int end = doc.indexOf("// " + marker + ": END");
        assertThat(start).as(marker + " START marker").isNotNegative();
        assertThat(end).as(marker + " END marker").isGreaterThan(start);
        return Arrays.asList(doc.substring(start, end).split("\n"));
    }

    /** Each name has its table row in the section, showing its default value. */
    private static void assertDocumented(List<String> section, JsonObject options, String what) {
        assertThat(options).as(what).isNotEmpty();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            String name = e.getKey();
            List<String> rows = section.stream().filter(l -> l.startsWith("| *" + name + "*")).toList();
            assertThat(rows).as(what + " " + name).hasSize(1);
            Object defaultValue = ((JsonObject) e.getValue()).get("defaultValue");
            if (defaultValue != null) {
                assertThat(rows.get(0).split(" \\| ")).as("default of " + what + " " + name).contains(String.valueOf(defaultValue));
            }
        }
        long rows = section.stream().filter(l -> l.startsWith("| *")).count();
        assertThat(rows).as("no row for an option that is gone").isEqualTo(options.size());
    }

    @Test
    void everyOptionAndHeaderOfTheMetadataIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        JsonObject json = metadata();
        assertDocumented(section(doc, "component options"), (JsonObject) json.get("componentProperties"), "component option");
        assertDocumented(section(doc, "endpoint options"), (JsonObject) json.get("properties"), "endpoint option");
        assertDocumented(section(doc, "component headers"), (JsonObject) json.get("headers"), "header");
    }

    @Test
    void everyOperationHasItsRowAndThePageHeaderMatchesTheMetadata() throws Exception {
        String doc = Files.readString(DOC);
        for (S3LegacyOperations op : S3LegacyOperations.values()) {
            assertThat(doc).as(op.name()).contains("\n| `" + op.name() + "` | ");
        }
        JsonObject component = (JsonObject) metadata().get("component");
        assertThat(doc).contains(":shortname: " + component.get("scheme") + "\n")
                .contains(":artifactid: " + component.get("artifactId") + "\n")
                .contains(":description: " + component.get("description") + "\n")
                .contains(":since: " + component.get("firstVersion") + "\n")
                .contains(":supportlevel: " + component.get("supportLevel") + "\n")
                .contains("\n" + component.get("syntax") + "\n");
    }
}
