package dev.s3legacy.client.credentials;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level members of the small JSON objects the container and instance metadata endpoints answer
 * with: strings as they are, numbers, booleans and null as their text, nested objects and arrays skipped.
 * Failure messages give an offset, never the text: the document holds secrets.
 */
final class FlatJson {

    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /** @throws CredentialsException when the text is not one JSON object */
    static Map<String, String> parse(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, String> members = new LinkedHashMap<>();
        p.skipSpace();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.skipSpace();
                String name = p.string();
                p.skipSpace();
                p.expect(':');
                p.skipSpace();
                String value = p.value(0);
                if (value != null) {
                    members.putIfAbsent(name, value);
                }
                p.skipSpace();
                if (p.peek() == ',') {
                    p.pos++;
                } else {
                    p.expect('}');
                    break;
                }
            }
        }
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("text after the object");
        }
        return members;
    }

    /** A scalar's text, or null for null, objects and arrays (skipped). */
    private String value(int depth) {
        if (depth > 16) {
            throw error("nesting too deep");
        }
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            pos++;
            skipSpace();
            if (peek() == close) {
                pos++;
                return null;
            }
            while (true) {
                skipSpace();
                if (close == '}') {
                    string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                }
                value(depth + 1);
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(close);
                    return null;
                }
            }
        }
        int start = pos;
        while (pos < text.length() && "-+.eE0123456789truefalsn".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("a value expected");
        }
        String literal = text.substring(start, pos);
        return literal.equals("null") ? null : literal;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("bad \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape");
            }
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private CredentialsException error(String what) {
        return new CredentialsException("malformed JSON credentials document: " + what + " at offset " + pos);
    }
}
