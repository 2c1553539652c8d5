package dev.s3legacy.client.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the sections of the AWS shared files: {@code [name]} in the credentials file, {@code [profile name]}
 * (and {@code [default]}) in the config file; {@code key = value} lines, {@code #} and {@code ;} comments,
 * indented continuation lines ignored (only nested settings such as {@code s3 =} use them).
 */
final class ProfileFiles {

    private static final Pattern TRAILING_COMMENT = Pattern.compile("[ \\t]+[#;].*$");

    private ProfileFiles() {
    }

    /** Profile name to its properties (lower-case keys); the first definition of a profile wins. */
    static Map<String, Map<String, String>> read(Path file, boolean configFile) throws IOException {
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                String name = TRAILING_COMMENT.matcher(line).replaceAll("").strip();
                name = name.endsWith("]") ? name.substring(1, name.length() - 1).strip() : null;
                current = null;
                if (name != null && configFile && name.startsWith("profile ")) {
                    name = name.substring("profile ".length()).strip();
                } else if (name != null && configFile && !name.equals("default")) {
                    name = null; // [sso-session x], [services y]: not profiles
                }
                if (name != null && !name.isEmpty()) {
                    current = profiles.computeIfAbsent(name, n -> new LinkedHashMap<>());
                }
                continue;
            }
            if (current == null || Character.isWhitespace(raw.charAt(0))) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                String key = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
                String value = TRAILING_COMMENT.matcher(line.substring(eq + 1)).replaceAll("").strip();
                current.putIfAbsent(key, value);
            }
        }
        return profiles;
    }
}
