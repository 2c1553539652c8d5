package dev.s3legacy.client;

/**
 * A response's {@code Content-Range: bytes first-last/total}: which bytes of how many a ranged GET brought.
 *
 * @param total the object's length, or -1 where the store sent {@code *}
 */
record ContentRange(long first, long last, long total) {

    /** The parsed header, or null when absent or not of the {@code bytes first-last/total} form. */
    static ContentRange parse(String header) {
        if (header == null) {
            return null;
        }
        String v = header.trim();
        if (!v.regionMatches(true, 0, "bytes ", 0, 6)) {
            return null;
        }
        int dash = v.indexOf('-', 6);
        int slash = v.indexOf('/', 6);
        if (dash < 0 || slash < dash) {
            return null;
        }
        try {
            long first = Long.parseLong(v.substring(6, dash).trim());
            long last = Long.parseLong(v.substring(dash + 1, slash).trim());
            String t = v.substring(slash + 1).trim();
            long total = t.equals("*") ? -1 : Long.parseLong(t);
            return first < 0 || last < first || total >= 0 && last >= total ? null : new ContentRange(first, last, total);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    long length() {
        return last - first + 1;
    }

    /** Whether the range is the whole object. */
    boolean isWhole() {
        return first == 0 && total >= 0 && last == total - 1;
    }

    /** The {@code Range} request header value asking for {@code length} bytes from {@code first}. */
    static String request(long first, long length) {
        return "bytes=" + first + "-" + (first + length - 1);
    }
}
