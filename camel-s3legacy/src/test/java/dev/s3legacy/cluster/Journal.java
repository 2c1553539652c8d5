package dev.s3legacy.cluster;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's journal: one line per event ("READY", "START key", "END key", "LEADER"), written through at once so a
 * node killed with SIGKILL leaves every line it wrote before.
 */
final class Journal {

    private final Writer out;

    Journal(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    synchronized void write(String event, String key) {
        try {
            out.write(key == null ? event : event + " " + key);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keys of every line with this event, in order (a key met twice is listed twice). */
    static List<String> keys(Path file, String event) throws IOException {
        List<String> keys = new ArrayList<>();
        if (!Files.exists(file)) {
            return keys;
        }
        String prefix = event + " ";
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(prefix)) {
                keys.add(line.substring(prefix.length()));
            }
        }
        return keys;
    }

    static boolean has(Path file, String event) throws IOException {
        return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).stream().anyMatch(l -> l.equals(event) || l.startsWith(event + " "));
    }
}
