package dev.s3legacy.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Multi-valued HTTP headers with case-insensitive names. Names are kept as first given (S3 treats
 * them case-insensitively, but users see what they set); values keep their insertion order, so a
 * header such as {@code x-amz-meta-reviewedby} can carry several values.
 */
public final class Headers {

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(String name, List<String> values) {
    }

    public Headers() {
    }

    public Headers(Map<String, List<String>> source) {
        source.forEach((name, values) -> values.forEach(v -> add(name, v)));
    }

    public Headers add(String name, String value) {
        entries.computeIfAbsent(lower(name), k -> new Entry(name, new ArrayList<>(1))).values().add(value);
        return this;
    }

    public Headers set(String name, String value) {
        entries.remove(lower(name));
        return add(name, value);
    }

    public Headers remove(String name) {
        entries.remove(lower(name));
        return this;
    }

    /** The first value of the header, or null. */
    public String first(String name) {
        Entry e = entries.get(lower(name));
        return e == null || e.values().isEmpty() ? null : e.values().get(0);
    }

    public List<String> all(String name) {
        Entry e = entries.get(lower(name));
        return e == null ? List.of() : Collections.unmodifiableList(e.values());
    }

    public boolean contains(String name) {
        return entries.containsKey(lower(name));
    }

    /** Header names as first given. */
    public Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>();
        entries.values().forEach(e -> names.add(e.name()));
        return names;
    }

    /** A read-only view: name as first given to its values. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        entries.values().forEach(e -> map.put(e.name(), Collections.unmodifiableList(e.values())));
        return Collections.unmodifiableMap(map);
    }

    public Headers copy() {
        Headers h = new Headers();
        entries.values().forEach(e -> e.values().forEach(v -> h.add(e.name(), v)));
        return h;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        // Authorization values are credentials, SSE-C keys are keys: never print them.
        StringBuilder sb = new StringBuilder("{");
        entries.values().forEach(e -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.name()).append('=');
            sb.append(Redaction.isSecretHeader(e.name()) ? "[hidden]" : e.values());
        });
        return sb.append('}').toString();
    }
}
