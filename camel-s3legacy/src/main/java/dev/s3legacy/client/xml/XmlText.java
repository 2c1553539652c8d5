package dev.s3legacy.client.xml;

/** Writes strings as XML 1.0 element content, refusing what XML 1.0 cannot carry. */
final class XmlText {

    private XmlText() {
    }

    /**
     * Appends {@code value} escaped. A CR is written as {@code &#13;} because a parser would read a
     * raw one back as LF; control characters other than tab, LF and CR, U+FFFE/U+FFFF and lone
     * surrogates have no XML 1.0 form at all.
     *
     * @throws IllegalArgumentException naming {@code what} and the value (escaped) if it has such a character
     */
    static StringBuilder append(StringBuilder out, String what, String value) {
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (!allowed(c)) {
                        throw new IllegalArgumentException(what + " \"" + escaped(value) + "\" has "
                                + String.format("U+%04X", c) + " at index " + i
                                + ", which XML 1.0 cannot carry");
                    }
                    out.appendCodePoint(c);
                }
            }
        }
        return out;
    }

    private static boolean allowed(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** The value with every non-printable character (lone surrogates too) as a Java-style escape. */
    static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
