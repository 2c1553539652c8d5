package dev.s3legacy.client.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP calls of the credential sources (STS, the container endpoint, instance metadata): JDK client,
 * no redirects, bounded answers, and a timeout per source. Metadata endpoints are link-local and never go
 * through a proxy. The client is made on first use.
 */
final class CredentialsHttp {

    /** Credentials documents are a few KiB; more is not one. */
    static final int MAX_BODY = 64 * 1024;

    record Answer(int status, String body) {
    }

    private final Duration timeout;
    private final boolean direct;
    private volatile HttpClient client;

    /**
     * @param timeout connect and response timeout
     * @param direct  never through a proxy (link-local metadata endpoints)
     */
    CredentialsHttp(Duration timeout, boolean direct) {
        this.timeout = timeout;
        this.direct = direct;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
                    if (direct) {
                        b.proxy(HttpClient.Builder.NO_PROXY);
                    }
                    client = b.build();
                }
                c = client;
            }
        }
        return c;
    }

    /** A request builder for {@code uri} with this source's timeout. */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /** Sends it; the answer's body is read up to {@link #MAX_BODY} as UTF-8. IO failures name the URI only. */
    Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BODY);
                return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        } catch (IOException e) {
            throw new IOException(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }
}
