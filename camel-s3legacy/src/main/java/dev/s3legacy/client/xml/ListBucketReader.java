package dev.s3legacy.client.xml;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.ListEntry;

/** Reads a ListObjects (V1) {@code <ListBucketResult>} page. */
final class ListBucketReader {

    private ListBucketReader() {
    }

    static ListBucketResponse read(InputStream in) {
        Map<String, String> top = new HashMap<>();
        List<Map<String, String>> contents = new ArrayList<>();
        List<String> rawPrefixes = new ArrayList<>();
        XmlWalker.walk(in, "ListBucketResult", Repeated.fields(top,
                new Repeated("Contents", contents::add),
                new Repeated("CommonPrefixes", f -> rawPrefixes.add(Values.required("CommonPrefixes/Prefix",
                        f.get("Prefix"))))));

        // with encoding-type=url S3 encodes every key-like field; EncodingType may come last, so decode here
        boolean urlEncoded = "url".equalsIgnoreCase(trim(top.get("EncodingType")));
        UnaryOperator<String> keys = text -> urlEncoded ? Values.urlDecode("key", text) : text;

        List<ListEntry> entries = new ArrayList<>(contents.size());
        for (Map<String, String> f : contents) {
            String key = keys.apply(Values.required("Contents/Key", f.get("Key")));
            entries.add(new ListEntry(key,
                    Values.instant("Contents/LastModified", f.get("LastModified")),
                    Values.eTag(f.get("ETag")),
                    Values.required("Contents/Size of " + Values.quote(key),
                            Values.longValue("Contents/Size", f.get("Size"))),
                    f.get("StorageClass"),
                    Values.owner(f, "Owner/")));
        }
        List<String> prefixes = rawPrefixes.stream().map(keys).toList();
        boolean truncated = Values.bool("IsTruncated", top.get("IsTruncated"));
        String nextMarker = keys.apply(top.get("NextMarker"));
        if (nextMarker == null || nextMarker.isEmpty()) {
            nextMarker = truncated ? lastOf(entries, prefixes) : null;
        }
        return new ListBucketResponse(top.get("Name"), keys.apply(top.get("Prefix")), keys.apply(top.get("Marker")),
                keys.apply(top.get("Delimiter")), Values.intValue("MaxKeys", top.get("MaxKeys")), truncated,
                nextMarker, entries, prefixes);
    }

    /**
     * Without NextMarker, the next page starts after the last key or common prefix of this one,
     * whichever sorts later. S3 sorts by UTF-8 bytes, which is not Java's String order.
     */
    private static String lastOf(List<ListEntry> entries, List<String> prefixes) {
        String key = entries.isEmpty() ? null : entries.get(entries.size() - 1).getKey();
        String prefix = prefixes.isEmpty() ? null : prefixes.get(prefixes.size() - 1);
        if (key == null || prefix == null) {
            return key != null ? key : prefix;
        }
        return Arrays.compareUnsigned(key.getBytes(UTF_8), prefix.getBytes(UTF_8)) >= 0 ? key : prefix;
    }

    private static String trim(String text) {
        return text == null ? null : text.trim();
    }
}
