package dev.s3legacy.client.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.s3legacy.client.model.ErrorDocument;

/**
 * Walks an S3 XML document with the JDK's StAX parser and hands every element, when it ends, to a
 * handler as (path, text): the path of local names below the root joined by '/' ("" for the root
 * itself, "Contents/Owner/ID" for a nested one) and the element's own text, untrimmed (object keys
 * may begin or end with spaces). Namespaces and element order do not matter; handlers ignore the
 * paths they do not know.
 *
 * <p>S3 documents never carry a DOCTYPE, so one is refused outright: no entity is ever expanded
 * and no external resource is ever fetched.
 *
 * <p>S3 documents are always UTF-8 and are decoded here, whatever their declaration says: the
 * JDK parser's own decoder prints malformed bytes to System.err before failing.
 */
final class XmlWalker {

    /** Real S3 documents nest 4 deep; the limit only stops hostile nesting early. */
    static final int MAX_DEPTH = 32;

    // Built once. The JDK's factory creates a fresh reader per call and only reads its (frozen)
    // settings, so sharing it between threads is safe once configured.
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlWalker() {
    }

    private static XMLInputFactory newFactory() {
        // newDefaultFactory: the JDK's own parser, whatever other StAX implementation is on the class path
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        setIfSupported(factory, XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // namespace-aware only so that getLocalName() drops prefixes; namespace URIs are never compared
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }

    private static void setIfSupported(XMLInputFactory factory, String name, Object value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException unsupported) {
            // the other settings (no DTD at all) already cover what this one would
        }
    }

    /**
     * Walks the UTF-8 document, which must have the given root element. If its root is
     * {@code <Error>} instead, throws {@link S3XmlErrorDocumentException} with that error.
     *
     * @throws S3XmlException if the document is malformed (bad UTF-8 too), truncated or has another root
     */
    static void walk(InputStream in, String root, BiConsumer<String, String> handler) {
        walk(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), root, handler);
    }

    /** As {@link #walk(InputStream, String, BiConsumer)}, for a document already decoded. */
    static void walk(Reader in, String root, BiConsumer<String, String> handler) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(skipLeadingWhitespace(in));
            Map<String, String> error = readEvents(reader, root, handler);
            if (error != null) {
                throw new S3XmlErrorDocumentException(root, errorDocument(error));
            }
        } catch (XMLStreamException | IOException e) {
            throw new S3XmlException("malformed <" + root + "> document: " + oneLine(e.getMessage()), e);
        } catch (S3XmlException e) {
            throw e;
        } catch (RuntimeException e) {
            // the parser's own failures on garbage must still come out as S3XmlException
            throw new S3XmlException("unreadable <" + root + "> document: " + e, e);
        } finally {
            close(reader);
        }
    }

    /** Returns the fields of an {@code <Error>} root, or null when the expected root was read. */
    private static Map<String, String> readEvents(XMLStreamReader reader, String root,
                                                  BiConsumer<String, String> handler)
            throws XMLStreamException {
        Map<String, String> error = null;
        BiConsumer<String, String> target = handler;
        StringBuilder path = new StringBuilder();
        int[] parentPathLength = new int[MAX_DEPTH + 1];
        StringBuilder[] text = new StringBuilder[MAX_DEPTH + 1];
        int depth = 0;
        boolean rootSeen = false;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.DTD ->
                        throw new S3XmlException("<" + root + "> document has a DOCTYPE; S3 never sends one, refused");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new S3XmlException("<" + root + "> document references entity &" + reader.getLocalName()
                                + "; which is not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = reader.getLocalName();
                    if (depth == MAX_DEPTH) {
                        throw new S3XmlException("<" + root + "> document nests elements deeper than " + MAX_DEPTH);
                    }
                    if (depth == 0) {
                        rootSeen = true;
                        if ("Error".equals(name) && !"Error".equals(root)) {
                            error = new LinkedHashMap<>();
                            target = Repeated.fields(error);
                        } else if (!name.equals(root)) {
                            throw new S3XmlException("expected a <" + root + "> document but the root element is <"
                                    + name + ">");
                        }
                    } else {
                        parentPathLength[depth] = path.length();
                        if (depth > 1) {
                            path.append('/');
                        }
                        path.append(name);
                    }
                    depth++;
                    text[depth - 1] = new StringBuilder();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth > 0) {
                        text[depth - 1].append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    target.accept(path.toString(), text[depth].toString());
                    if (depth > 0) {
                        path.setLength(parentPathLength[depth]);
                    }
                }
                default -> {
                    // comments, processing instructions, document start/end: nothing to read
                }
            }
        }
        if (!rootSeen) {
            throw new S3XmlException("empty <" + root + "> document");
        }
        return error;
    }

    /** The direct children of an {@code <Error>} root, from the paths a walk collected. */
    static ErrorDocument errorDocument(Map<String, String> paths) {
        Map<String, String> fields = new LinkedHashMap<>(paths);
        fields.keySet().removeIf(path -> path.isEmpty() || path.indexOf('/') >= 0);
        return new ErrorDocument(fields);
    }

    /**
     * S3 keeps a slow CompleteMultipartUpload alive by sending spaces before the document; XML
     * forbids anything before the {@code <?xml ...?>} declaration, so they are dropped here (and a
     * byte order mark, which a decoded document no longer needs).
     */
    private static Reader skipLeadingWhitespace(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int c;
        do {
            c = reader.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF');
        if (c != -1) {
            reader.unread(c);
        }
        return reader;
    }

    private static String oneLine(String message) {
        return message == null ? "(no detail)" : message.replaceAll("\\s*\\R\\s*", " ");
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException | RuntimeException ignored) {
                // nothing left to release that matters; the caller owns the stream
            }
        }
    }
}
