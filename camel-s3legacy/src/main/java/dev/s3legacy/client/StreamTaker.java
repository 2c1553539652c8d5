package dev.s3legacy.client;

import java.io.InputStream;

/**
 * A body subscriber that can take the response's network stream itself instead of being fed buffers
 * ({@link UrlConnectionTransport}): the body is that stream, read by the caller, with no thread between the
 * socket and the reader.
 */
interface StreamTaker {

    /**
     * @param network the body's bytes as they arrive; read timeouts surface as {@link java.net.http.HttpTimeoutException}
     * @param abort   drops the connection (a body closed before its end is not drained)
     */
    SpooledBody take(InputStream network, Runnable abort);
}
