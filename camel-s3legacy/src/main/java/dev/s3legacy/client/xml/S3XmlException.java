package dev.s3legacy.client.xml;

/** An S3 XML document could not be read: malformed, truncated, unexpected or with a bad value. */
public class S3XmlException extends RuntimeException {

    public S3XmlException(String message) {
        super(message);
    }

    public S3XmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
