package dev.s3legacy.client;

/** Header checks that keep injected lines and non-ASCII bytes off the wire. */
final class HeaderSafety {

    private HeaderSafety() {
    }

    /** RFC 7230 token characters: what a header name may hold. */
    static String requireHeaderName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!token) {
                throw new IllegalArgumentException("Invalid header name '" + S3Names.printable(name)
                        + "': only ASCII letters, digits and !#$%&'*+-.^_`|~ are allowed");
            }
        }
        return name;
    }

    /** Rejects CR, LF and other control characters (tab excepted) that would split or corrupt a header line. */
    static String requireSafe(String what, String name, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("Invalid " + what + " value for '" + S3Names.printable(name)
                        + "': control character \\u" + String.format("%04x", (int) c) + " at index " + i
                        + " (CR/LF would inject headers)");
            }
        }
        return value;
    }

    static String requireMetadataName(String name) {
        requireHeaderName(name);
        return name;
    }

    /**
     * S3 stores metadata as HTTP header text; bytes beyond US-ASCII are not carried faithfully by every
     * store (AWS returns them mangled or RFC 2047-encoded), so they are refused rather than silently changed.
     */
    static String requireMetadataValue(String name, String value) {
        requireSafe("metadata", name, value);
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e) {
                throw new IllegalArgumentException("Invalid metadata value for '" + S3Names.printable(name)
                        + "': only US-ASCII is allowed (character '" + value.charAt(i) + "' at index " + i
                        + "); encode it first, e.g. with URLEncoder or Base64");
            }
        }
        return value;
    }
}
