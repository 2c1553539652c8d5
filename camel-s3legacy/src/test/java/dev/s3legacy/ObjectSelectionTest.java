package dev.s3legacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;

import dev.s3legacy.client.model.ListEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consumer's selection options on listing entries, without a store: what each option lets through. */
class ObjectSelectionTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static ListEntry entry(String key) {
        return entry(key, NOW.minus(Duration.ofDays(1)), 10);
    }

    private static ListEntry entry(String key, Instant lastModified, long size) {
        return new ListEntry(key, lastModified, "etag-" + key.hashCode(), size, "STANDARD", null);
    }

    private static ObjectSelection selection(java.util.function.Consumer<S3LegacyConfiguration> options) {
        S3LegacyConfiguration c = new S3LegacyConfiguration();
        c.setBucketName("bucket");
        options.accept(c);
        return ObjectSelection.of(c, CLOCK);
    }

    private static List<String> accepted(ObjectSelection selection, String... keys) {
        return java.util.Arrays.stream(keys).filter(k -> selection.accepts(entry(k))).toList();
    }

    @Test
    void noOptionDeliversEverything() {
        assertThat(accepted(selection(c -> { }), "a", "b/c.csv", "ü/ß.txt")).containsExactly("a", "b/c.csv", "ü/ß.txt");
    }

    @Test
    void includeAndExcludeMatchTheWholeKeyAndExcludeWins() {
        ObjectSelection s = selection(c -> {
            c.setInclude("orders/.*\\.csv");
            c.setExclude(".*/tmp-.*");
        });
        assertThat(accepted(s, "orders/1.csv", "orders/2.csv.part", "x/orders/3.csv", "orders/tmp-4.csv", "orders/a/5.csv"))
                // whole-key match: a key that merely contains the pattern is not included
                .containsExactly("orders/1.csv", "orders/a/5.csv");
    }

    @Test
    void antPatternsAreCommaSeparatedAndAntExcludeWins() {
        ObjectSelection s = selection(c -> {
            c.setAntInclude("orders/**/*.csv, invoices/*.pdf");
            c.setAntExclude("**/draft/**");
        });
        assertThat(accepted(s, "orders/1.csv", "orders/2024/05/2.csv", "orders/draft/3.csv", "invoices/4.pdf",
                "invoices/2024/5.pdf", "other/6.csv"))
                .containsExactly("orders/1.csv", "orders/2024/05/2.csv", "invoices/4.pdf");
    }

    @Test
    void minAgeSkipsObjectsYoungerThanIt() {
        ObjectSelection s = selection(c -> c.setMinAge(Duration.ofMinutes(5).toMillis()));
        assertThat(s.accepts(entry("old", NOW.minus(Duration.ofMinutes(6)), 1))).isTrue();
        assertThat(s.accepts(entry("exactly", NOW.minus(Duration.ofMinutes(5)), 1))).isTrue();
        assertThat(s.accepts(entry("young", NOW.minus(Duration.ofMinutes(4)), 1))).isFalse();
        assertThat(s.accepts(entry("future", NOW.plusSeconds(30), 1))).as("clock skew: modified 'after now'").isFalse();
        // a listing without LastModified cannot say it is young: delivered rather than held for ever
        assertThat(s.accepts(entry("undated", null, 1))).isTrue();
        // the same young object is delivered once the clock has passed its age
        ObjectSelection later = ObjectSelection.of(configured(c -> c.setMinAge(Duration.ofMinutes(5).toMillis())),
                Clock.fixed(NOW.plus(Duration.ofMinutes(2)), ZoneOffset.UTC));
        assertThat(later.accepts(entry("young", NOW.minus(Duration.ofMinutes(4)), 1))).isTrue();
    }

    @Test
    void filterBeanSeesTheListingEntryAndIsAskedLast() {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Predicate<ListEntry> bigOnes = e -> {
            asked.add(e.getKey() + ":" + e.getSize() + ":" + e.getETag() + ":" + e.getLastModified());
            return e.getSize() >= 100;
        };
        ObjectSelection s = selection(c -> {
            c.setInclude(".*\\.bin");
            c.setFilter(bigOnes);
        });
        assertThat(s.accepts(entry("big.bin", NOW, 100))).isTrue();
        assertThat(s.accepts(entry("small.bin", NOW, 99))).isFalse();
        assertThat(s.accepts(entry("big.txt", NOW, 1000))).isFalse();
        // not asked about what the other options excluded; given key, size, ETag and last modified
        assertThat(asked).containsExactly("big.bin:100:etag-" + "big.bin".hashCode() + ":" + NOW,
                "small.bin:99:etag-" + "small.bin".hashCode() + ":" + NOW);
    }

    @Test
    void badOptionsFailEarlyNamingTheOption() {
        assertThatThrownBy(() -> selection(c -> c.setInclude("orders/(.*")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Option include is not a valid regular expression");
        assertThatThrownBy(() -> selection(c -> c.setExclude("[a-")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Option exclude ");
        assertThatThrownBy(() -> selection(c -> c.setAntInclude("a/**,,b/*")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option antInclude holds an empty pattern");
        assertThatThrownBy(() -> selection(c -> c.setAntExclude("a/**,")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option antExclude");
        assertThatThrownBy(() -> selection(c -> c.setMinAge(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option minAge");
    }

    private static S3LegacyConfiguration configured(java.util.function.Consumer<S3LegacyConfiguration> options) {
        S3LegacyConfiguration c = new S3LegacyConfiguration();
        c.setBucketName("bucket");
        options.accept(c);
        return c;
    }
}
