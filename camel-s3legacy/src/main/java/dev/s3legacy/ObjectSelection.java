package dev.s3legacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.util.AntPathMatcher;

/**
 * Which listed objects the consumer delivers: {@code include}/{@code exclude} (regular expressions matching
 * the whole key), {@code antInclude}/{@code antExclude} (comma-separated Ant patterns, Camel's
 * {@link AntPathMatcher}), {@code minAge} (skip objects modified less than that long ago) and a {@code filter}
 * bean, asked last. An exclusion wins over an inclusion. Built once from the options, when the consumer is
 * created: a bad pattern fails then, naming its option. Immutable apart from the filter bean it calls.
 */
final class ObjectSelection {

    /** Delivers everything (no selection option set). */
    static final ObjectSelection ALL = new ObjectSelection(null, null, List.of(), List.of(), Duration.ZERO, null, Clock.systemUTC());

    private final Pattern include;
    private final Pattern exclude;
    private final List<String> antIncludes;
    private final List<String> antExcludes;
    private final Duration minAge;
    private final Predicate<ListEntry> filter;
    private final Clock clock;

    private ObjectSelection(Pattern include, Pattern exclude, List<String> antIncludes, List<String> antExcludes,
                            Duration minAge, Predicate<ListEntry> filter, Clock clock) {
        this.include = include;
        this.exclude = exclude;
        this.antIncludes = antIncludes;
        this.antExcludes = antExcludes;
        this.minAge = minAge;
        this.filter = filter;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException naming the option, for a bad regular expression, Ant pattern or age */
    static ObjectSelection of(S3LegacyConfiguration c) {
        return of(c, Clock.systemUTC());
    }

    /** With the clock that minAge compares against (tests give a fixed one). */
    static ObjectSelection of(S3LegacyConfiguration c, Clock clock) {
        if (c.getMinAge() < 0) {
            throw new IllegalArgumentException("Option minAge must be 0 or more, was " + c.getMinAge() + " ms");
        }
        return new ObjectSelection(regex("include", c.getInclude()), regex("exclude", c.getExclude()),
                antPatterns("antInclude", c.getAntInclude()), antPatterns("antExclude", c.getAntExclude()),
                Duration.ofMillis(c.getMinAge()), c.getFilter(), clock);
    }

    private static Pattern regex(String option, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Option " + option + " is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + value + "'");
        }
    }

    /** Comma-separated Ant patterns, trimmed; an empty one in the list is refused (a stray comma). */
    private static List<String> antPatterns(String option, String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        List<String> patterns = new ArrayList<>();
        for (String pattern : value.split(",", -1)) {
            String trimmed = pattern.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("Option " + option + " holds an empty pattern (a stray comma?) in '" + value + "'");
            }
            patterns.add(trimmed);
        }
        return List.copyOf(patterns);
    }

    /** Whether the listed object is to be delivered. Cheap checks first; the filter bean last. */
    boolean accepts(ListEntry entry) {
        String key = entry.getKey();
        if (include != null && !include.matcher(key).matches() || exclude != null && exclude.matcher(key).matches()) {
            return false;
        }
        if (!antIncludes.isEmpty() && antIncludes.stream().noneMatch(p -> AntPathMatcher.INSTANCE.match(p, key))
                || antExcludes.stream().anyMatch(p -> AntPathMatcher.INSTANCE.match(p, key))) {
            return false;
        }
        if (!minAge.isZero() && entry.getLastModified() != null
                && entry.getLastModified().isAfter(Instant.now(clock).minus(minAge))) {
            return false; // still young: a later poll looks again
        }
        return filter == null || filter.test(entry);
    }
}
