package dev.s3legacy.client;

/**
 * Guards a listing walk against a store whose next marker does not move forward (the marker it was
 * asked for, given back): such a walk would never end. Only equality is checked, not order: stores
 * differ in how they order keys, and a false alarm would stop a healthy consumer.
 */
public final class ListingProgress {

    private ListingProgress() {
    }

    /**
     * @param previous the marker the last page was requested with (null for the first page)
     * @param next     the marker the last page gave for the next one
     * @throws S3LegacyException when {@code next} is {@code previous} again
     */
    public static void requireAdvance(String bucket, String previous, String next) {
        if (next != null && next.equals(previous)) {
            throw new S3LegacyException("GET", 200, "ListingNotAdvancing", "the store answered a truncated listing "
                    + "page with the next marker '" + S3Names.printable(next) + "' it was asked for: listing stopped,"
                    + " since following it would repeat the same page for ever", null, "/" + bucket + "/", null, null, false);
        }
    }
}
