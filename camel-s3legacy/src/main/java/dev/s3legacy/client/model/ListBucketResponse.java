package dev.s3legacy.client.model;

import java.util.List;
import java.util.Objects;

/**
 * One page of a ListObjects (V1) listing. Name, prefix, marker and delimiter are as the server
 * echoed them (null when absent, "" when sent empty). {@link #getNextMarker()} is the marker for
 * the next page: the server's NextMarker, or, when the page is truncated and the server sent none
 * (it only does with a delimiter), the last key or common prefix of this page.
 */
public final class ListBucketResponse {

    private final String name;
    private final String prefix;
    private final String marker;
    private final String delimiter;
    private final Integer maxKeys;
    private final boolean truncated;
    private final String nextMarker;
    private final List<ListEntry> entries;
    private final List<String> commonPrefixes;

    public ListBucketResponse(String name, String prefix, String marker, String delimiter, Integer maxKeys,
                              boolean truncated, String nextMarker, List<ListEntry> entries,
                              List<String> commonPrefixes) {
        this.name = name;
        this.prefix = prefix;
        this.marker = marker;
        this.delimiter = delimiter;
        this.maxKeys = maxKeys;
        this.truncated = truncated;
        this.nextMarker = nextMarker;
        this.entries = List.copyOf(entries);
        this.commonPrefixes = List.copyOf(commonPrefixes);
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getMarker() {
        return marker;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public Integer getMaxKeys() {
        return maxKeys;
    }

    public boolean isTruncated() {
        return truncated;
    }

    public String getNextMarker() {
        return nextMarker;
    }

    public List<ListEntry> getEntries() {
        return entries;
    }

    public List<String> getCommonPrefixes() {
        return commonPrefixes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListBucketResponse other && truncated == other.truncated
                && Objects.equals(name, other.name) && Objects.equals(prefix, other.prefix)
                && Objects.equals(marker, other.marker) && Objects.equals(delimiter, other.delimiter)
                && Objects.equals(maxKeys, other.maxKeys) && Objects.equals(nextMarker, other.nextMarker)
                && entries.equals(other.entries) && commonPrefixes.equals(other.commonPrefixes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, prefix, marker, delimiter, maxKeys, truncated, nextMarker, entries, commonPrefixes);
    }

    @Override
    public String toString() {
        return "ListBucketResponse[name=" + name + ", prefix=" + prefix + ", marker=" + marker + ", delimiter="
                + delimiter + ", maxKeys=" + maxKeys + ", truncated=" + truncated + ", nextMarker=" + nextMarker
                + ", entries=" + entries + ", commonPrefixes=" + commonPrefixes + "]";
    }
}
