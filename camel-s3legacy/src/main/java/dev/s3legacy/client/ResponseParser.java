package dev.s3legacy.client;

import java.io.IOException;
import java.io.InputStream;

/** Turns a successful response into an operation's result. */
@FunctionalInterface
public interface ResponseParser<T> {

    T parse(S3Response response) throws IOException;

    /** Whether the parser keeps the response (and so its body) open: the caller must close it then. */
    default boolean keepsResponse() {
        return false;
    }

    /** The response itself, body open: the caller closes it. */
    ResponseParser<S3Response> RESPONSE = new ResponseParser<>() {
        public S3Response parse(S3Response response) {
            return response;
        }

        public boolean keepsResponse() {
            return true;
        }
    };

    /** The body as a UTF-8 string (XML documents such as ACLs). */
    ResponseParser<String> STRING = r -> r.body().asString();

    /** Parses the body as a stream. */
    static <T> ResponseParser<T> xml(XmlReader<T> reader) {
        return r -> {
            try (InputStream in = r.body().openStream()) {
                return reader.read(in);
            }
        };
    }

    @FunctionalInterface
    interface XmlReader<T> {
        T read(InputStream in) throws IOException;
    }
}
