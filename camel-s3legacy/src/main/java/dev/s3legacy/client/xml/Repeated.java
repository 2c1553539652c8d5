package dev.s3legacy.client.xml;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A repeated element of a document (Contents, Bucket, Deleted, ...): the texts of its descendants
 * are collected per occurrence, keyed by their path below it ("Key", "Owner/ID"), and handed on
 * when the occurrence ends. The first of two same-named fields wins.
 */
final class Repeated {

    private final String path;
    private final String prefix;
    private final Consumer<Map<String, String>> sink;
    private final Map<String, String> current = new HashMap<>();

    Repeated(String path, Consumer<Map<String, String>> sink) {
        this.path = path;
        this.prefix = path + "/";
        this.sink = sink;
    }

    /**
     * A walk handler that offers each element to the repeated ones and keeps every other path's
     * text in {@code rest} (first occurrence wins; the root's own text is under "").
     */
    static BiConsumer<String, String> fields(Map<String, String> rest, Repeated... repeated) {
        return (path, text) -> {
            for (Repeated r : repeated) {
                if (r.accept(path, text)) {
                    return;
                }
            }
            rest.putIfAbsent(path, text);
        };
    }

    private boolean accept(String elementPath, String text) {
        if (elementPath.equals(path)) {
            sink.accept(Map.copyOf(current));
            current.clear();
            return true;
        }
        if (elementPath.startsWith(prefix)) {
            current.putIfAbsent(elementPath.substring(prefix.length()), text);
            return true;
        }
        return false;
    }
}
