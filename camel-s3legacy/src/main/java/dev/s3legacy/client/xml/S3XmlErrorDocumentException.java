package dev.s3legacy.client.xml;

import dev.s3legacy.client.model.ErrorDocument;

/**
 * S3 answered with an {@code <Error>} document where a result document was expected. This happens
 * with status 200 too: CompleteMultipartUpload and CopyObject send the status before the work is
 * done, and report a late failure in the body. The caller turns {@link #getErrorDocument()} into
 * its own exception (and may retry, e.g. on InternalError).
 */
public class S3XmlErrorDocumentException extends S3XmlException {

    private final transient ErrorDocument errorDocument;

    public S3XmlErrorDocumentException(String expectedRoot, ErrorDocument errorDocument) {
        super("expected a <" + expectedRoot + "> document but S3 answered with an error: "
                + errorDocument.getCode() + ": " + errorDocument.getMessage());
        this.errorDocument = errorDocument;
    }

    public ErrorDocument getErrorDocument() {
        return errorDocument;
    }
}
