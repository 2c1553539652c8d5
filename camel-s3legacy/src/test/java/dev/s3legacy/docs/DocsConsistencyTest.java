package dev.s3legacy.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.s3legacy.test.ProjectFiles;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user guide's reference section against the component's generated metadata (s3legacy.json):
 * every endpoint option, component option, header and operation is documented, none is documented
 * that the metadata lacks, and defaults and types agree. Also: every {@code CamelS3Legacy*} header and
 * every option of an {@code s3legacy:} URI written anywhere in the Markdown docs exists.
 */
class DocsConsistencyTest {

    static final Path GUIDE = ProjectFiles.of("docs/user-guide.md");
    static final Path JSON = Path.of("src/generated/resources/META-INF/dev/s3legacy/s3legacy.json");
    static final String JSON_RESOURCE = "META-INF/dev/s3legacy/s3legacy.json";

    static JsonObject metadata;
    static String reference;

    @BeforeAll
    static void load() throws Exception {
        String json;
        if (Files.exists(JSON)) {
            json = Files.readString(JSON);
        } else {
            try (InputStream in = DocsConsistencyTest.class.getClassLoader().getResourceAsStream(JSON_RESOURCE)) {
                assertThat(in).as(JSON_RESOURCE + " on the classpath").isNotNull();
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        metadata = (JsonObject) Jsoner.deserialize(json);
        reference = section(Files.readString(GUIDE), "## Reference", "\n## ");
    }

    // ------------------------------------------------------------------ the reference tables

    @Test
    void everyEndpointOptionIsDocumentedWithItsDefaultAndType() {
        Map<String, List<String>> rows = rows(subsection("### Endpoint options"));
        JsonObject options = obj("properties");
        assertThat(rows.keySet()).as("endpoint options in the guide").containsExactlyInAnyOrderElementsOf(options.keySet());
        options.forEach((name, value) -> checkRow("endpoint option " + name, rows.get(name), (JsonObject) value));
    }

    @Test
    void everyComponentOptionIsDocumentedWithItsDefaultAndType() {
        Map<String, List<String>> rows = rows(subsection("### Component options"));
        JsonObject options = obj("componentProperties");
        assertThat(rows.keySet()).as("component options in the guide").containsExactlyInAnyOrderElementsOf(options.keySet());
        options.forEach((name, value) -> checkRow("component option " + name, rows.get(name), (JsonObject) value));
    }

    @Test
    void everyHeaderIsDocumentedWithItsType() {
        Map<String, List<String>> rows = rows(subsection("### Headers"));
        JsonObject headers = obj("headers");
        assertThat(rows.keySet()).as("headers in the guide").containsExactlyInAnyOrderElementsOf(headers.keySet());
        headers.forEach((name, value) -> assertThat(rows.get(name).get(1)).as("type of header " + name)
                .isEqualTo("`" + ((JsonObject) value).getString("javaType") + "`"));
    }

    @Test
    void everyOperationIsDocumented() {
        Map<String, List<String>> rows = rows(subsection("### Operations"));
        List<String> operations = operationNames();
        assertThat(operations).isNotEmpty();
        assertThat(rows.keySet()).as("operations in the guide").containsExactlyInAnyOrderElementsOf(operations);
    }

    /** A row is: name | default | type | description. */
    private static void checkRow(String what, List<String> row, JsonObject option) {
        assertThat(row).as(what + ": columns").hasSizeGreaterThanOrEqualTo(4);
        Object defaultValue = option.get("defaultValue");
        String expectedDefault = defaultValue == null ? "" : "`" + defaultValue + "`";
        assertThat(row.get(1)).as(what + ": default").isEqualTo(expectedDefault);
        String type = option.getString("type");
        String expectedType = "enum".equals(type)
                ? "enum: " + String.join(", ", option.getCollection("enum").stream().map(String::valueOf).toList())
                : type;
        assertThat(row.get(2)).as(what + ": type").isEqualTo(expectedType);
        assertThat(row.get(3)).as(what + ": description").isNotBlank();
    }

    // ------------------------------------------------------------------ names used anywhere in the docs

    @Test
    void headersNamedAnywhereInTheDocsExist() throws IOException {
        Set<String> known = obj("headers").keySet();
        Pattern header = Pattern.compile("CamelS3Legacy[A-Za-z]+");
        Set<String> unknown = new TreeSet<>();
        for (Path doc : markdown()) {
            Matcher m = header.matcher(Files.readString(doc));
            while (m.find()) {
                if (!known.contains(m.group())) {
                    unknown.add(doc + ": " + m.group());
                }
            }
        }
        assertThat(unknown).as("headers the component does not have").isEmpty();
    }

    @Test
    void optionsOfUrisInTheDocsExist() throws IOException {
        Set<String> known = obj("properties").keySet();
        Pattern uri = Pattern.compile("s3legacy:[A-Za-z0-9.{}_-]*\\?([^\\s\"'`)]+)");
        Set<String> unknown = new TreeSet<>();
        int seen = 0;
        for (Path doc : markdown()) {
            Matcher m = uri.matcher(Files.readString(doc));
            while (m.find()) {
                for (String pair : m.group(1).split("&")) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    seen++;
                    if (!name.isEmpty() && !name.equals("...") && !known.contains(name)) {
                        unknown.add(doc + ": " + name + " in " + m.group());
                    }
                }
            }
        }
        assertThat(seen).as("URI options found in the docs").isGreaterThan(10);
        assertThat(unknown).as("options the component does not have").isEmpty();
    }

    @Test
    void theOperationsTableOfTheContractAndTheMigrationGuidesUseExistingOperations() throws IOException {
        Set<String> operations = Set.copyOf(operationNames());
        Pattern op = Pattern.compile("operation=([A-Za-z]+)");
        Set<String> unknown = new TreeSet<>();
        for (Path doc : markdown()) {
            Matcher m = op.matcher(Files.readString(doc));
            while (m.find()) {
                if (!operations.contains(m.group(1))) {
                    unknown.add(doc + ": " + m.group());
                }
            }
        }
        assertThat(unknown).as("operations the component does not have").isEmpty();
    }

    @Test
    void relativeLinksInTheDocsPointAtFilesThatExist() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        Set<String> broken = new TreeSet<>();
        for (Path doc : markdown()) {
            Matcher m = link.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http:") || target.startsWith("https:") || target.startsWith("#")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = doc.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": " + target);
                }
            }
        }
        assertThat(broken).as("links to missing files").isEmpty();
    }

    // ------------------------------------------------------------------ parsing

    private static JsonObject obj(String key) {
        return (JsonObject) metadata.get(key);
    }

    private static List<String> operationNames() {
        JsonObject operation = (JsonObject) obj("properties").get("operation");
        return operation.getCollection("enum").stream().map(String::valueOf).toList();
    }

    private static List<Path> markdown() throws IOException {
        // every module's Markdown (README.md, docs/, examples/, the starter's README), none a build left behind
        Path root = ProjectFiles.root();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".md") && written(root.relativize(p))).sorted().toList();
        }
    }

    /** Not under target/ nor a hidden folder (.git, .idea ...). */
    private static boolean written(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("target") || part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** The text from the heading line to the next heading of the same level (or the end). */
    private static String section(String text, String heading, String nextHeading) {
        int start = -1;
        for (int i = text.indexOf(heading); i >= 0; i = text.indexOf(heading, i + 1)) {
            int end = text.indexOf('\n', i);
            if ((i == 0 || text.charAt(i - 1) == '\n') && text.substring(i, end < 0 ? text.length() : end).trim().equals(heading)) {
                start = i;
                break;
            }
        }
        assertThat(start).as("heading '" + heading + "' in " + GUIDE).isGreaterThanOrEqualTo(0);
        int end = text.indexOf(nextHeading, start + heading.length());
        return end < 0 ? text.substring(start) : text.substring(start, end + 1);
    }

    private static String subsection(String heading) {
        return section(reference, heading, "\n### ");
    }

    /** Table rows whose first cell is a `name`, by name; cells trimmed, the name without backticks. */
    static Map<String, List<String>> rows(String text) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = Stream.of(line.substring(1, line.lastIndexOf('|')).split("(?<!\\\\)\\|"))
                    .map(String::trim).collect(Collectors.toList());
            String name = cells.get(0).replace("`", "");
            cells.set(0, name);
            assertThat(rows.put(name, cells)).as("'" + name + "' documented twice in one table").isNull();
        }
        assertThat(rows).as("table rows").isNotEmpty();
        return rows;
    }
}
