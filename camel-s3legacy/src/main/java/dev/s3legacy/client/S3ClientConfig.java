package dev.s3legacy.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLContext;

import dev.s3legacy.client.credentials.Credentials;
import dev.s3legacy.client.credentials.CredentialsProvider;
import dev.s3legacy.client.credentials.StaticCredentialsProvider;

/**
 * Everything a connection needs, fixed once built. Requests are signed with the credentials of a
 * {@link CredentialsProvider}, asked for every attempt (static keys become a
 * {@link StaticCredentialsProvider}); with none, requests are anonymous (public buckets). An access key
 * without a secret, or the reverse, is an error. No secret is ever part of {@link #toString()}.
 */
public final class S3ClientConfig {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://s3.amazonaws.com");
    public static final String DEFAULT_REGION = "us-east-1";

    /** Null: anonymous requests. */
    private final CredentialsProvider credentialsProvider;
    private final URI endpoint;
    private final String region;
    private final SignatureVersion signatureVersion;
    private final CallingFormat callingFormat;
    private final SSLContext sslContext;
    private final boolean trustAllCertificates;
    private final String proxyHost;
    private final int proxyPort;
    private final String proxyUsername;
    private final String proxyPassword;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final long spoolThreshold;
    private final Path spoolDirectory;
    private final long downloadPartSize;
    private final int downloadConcurrency;
    private final boolean spoolDownloads;
    private final boolean blockingTransport;
    private final int maxRetries;
    private final Duration retryBaseDelay;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final boolean followRedirects;
    private final boolean verifyDownloads;

    private S3ClientConfig(Builder b) {
        this.credentialsProvider = credentialsProvider(b);
        this.endpoint = checkEndpoint(b.endpoint);
        this.region = requireText(b.region, "region");
        this.signatureVersion = Objects.requireNonNull(b.signatureVersion, "signatureVersion");
        this.callingFormat = Objects.requireNonNull(b.callingFormat, "callingFormat");
        if (b.trustAllCertificates && b.sslContext != null) {
            throw new IllegalArgumentException("trustAllCertificates and sslContext exclude each other: trusting every"
                    + " certificate would ignore the given trust material");
        }
        this.sslContext = b.sslContext;
        this.trustAllCertificates = b.trustAllCertificates;
        boolean hasProxy = b.proxyHost != null && !b.proxyHost.isBlank();
        if (hasProxy && (b.proxyPort < 1 || b.proxyPort > 65535)) {
            throw new IllegalArgumentException("proxyPort must be 1 to 65535, was " + b.proxyPort);
        }
        boolean hasProxyUser = b.proxyUsername != null && !b.proxyUsername.isEmpty();
        boolean hasProxyPassword = b.proxyPassword != null && !b.proxyPassword.isEmpty();
        if (hasProxyUser != hasProxyPassword) {
            throw new IllegalArgumentException("Only one of proxyUsername and proxyPassword is set: set both for a proxy"
                    + " that asks for credentials, or neither (missing: " + (hasProxyUser ? "proxyPassword" : "proxyUsername") + ")");
        }
        if (hasProxyUser && !hasProxy) {
            throw new IllegalArgumentException("proxyUsername and proxyPassword need a proxy: set proxyHost and proxyPort");
        }
        this.proxyHost = hasProxy ? b.proxyHost.trim() : null;
        this.proxyPort = hasProxy ? b.proxyPort : 0;
        this.proxyUsername = hasProxyUser ? b.proxyUsername : null;
        this.proxyPassword = hasProxyPassword ? b.proxyPassword : null;
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        this.requestTimeout = positive(b.requestTimeout, "requestTimeout");
        this.readTimeout = positive(b.readTimeout, "readTimeout");
        if (b.spoolThreshold < 0) {
            throw new IllegalArgumentException("spoolThreshold must be 0 or more, was " + b.spoolThreshold);
        }
        this.spoolThreshold = b.spoolThreshold;
        this.spoolDirectory = b.spoolDirectory != null ? b.spoolDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        if (b.downloadPartSize != 0 && b.downloadPartSize < S3Limits.MIN_DOWNLOAD_PART_SIZE) {
            throw new IllegalArgumentException("downloadPartSize must be 0 (one GET per object) or at least "
                    + S3Limits.MIN_DOWNLOAD_PART_SIZE + " bytes, was " + b.downloadPartSize);
        }
        if (b.downloadConcurrency < 1 || b.downloadConcurrency > S3Limits.MAX_DOWNLOAD_CONCURRENCY) {
            throw new IllegalArgumentException("downloadConcurrency must be 1 to " + S3Limits.MAX_DOWNLOAD_CONCURRENCY
                    + ", was " + b.downloadConcurrency);
        }
        this.downloadPartSize = b.downloadPartSize;
        this.downloadConcurrency = b.downloadConcurrency;
        this.spoolDownloads = b.spoolDownloads;
        this.blockingTransport = b.blockingTransport;
        if (b.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + b.maxRetries);
        }
        this.maxRetries = b.maxRetries;
        this.retryBaseDelay = Objects.requireNonNull(b.retryBaseDelay, "retryBaseDelay");
        this.executor = b.executor;
        this.scheduler = b.scheduler;
        this.followRedirects = b.followRedirects;
        this.verifyDownloads = b.verifyDownloads;
    }

    private static CredentialsProvider credentialsProvider(Builder b) {
        boolean hasAccess = b.accessKey != null && !b.accessKey.isEmpty();
        boolean hasSecret = b.secretKey != null && !b.secretKey.isEmpty();
        boolean hasToken = b.sessionToken != null && !b.sessionToken.isEmpty();
        if (hasAccess != hasSecret) {
            throw new IllegalArgumentException("Only one of accessKey and secretKey is set: set both to sign requests,"
                    + " or neither for anonymous access to public buckets (missing: "
                    + (hasAccess ? "secretKey" : "accessKey") + ")");
        }
        if (hasToken && !hasAccess) {
            throw new IllegalArgumentException("sessionToken is set without accessKey and secretKey: temporary"
                    + " credentials need all three");
        }
        return hasAccess ? new StaticCredentialsProvider(new Credentials(b.accessKey, b.secretKey, b.sessionToken, null))
                : b.credentialsProvider;
    }

    private static URI checkEndpoint(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("Invalid endpoint '" + endpoint
                    + "': expected http(s)://host[:port], e.g. https://s3.amazonaws.com");
        }
        if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/")
                || endpoint.getRawQuery() != null || endpoint.getUserInfo() != null) {
            throw new IllegalArgumentException("Invalid endpoint '" + endpoint
                    + "': give only scheme, host and port (no path, query or user info)");
        }
        // The scheme's default port is dropped: the JDK sends Host without it, so V4 must sign it without too.
        int port = endpoint.getPort();
        boolean defaultPort = port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http");
        String host = endpoint.getRawAuthority();
        if (defaultPort) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        return URI.create(scheme + "://" + host);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().credentialsProvider(credentialsProvider).endpoint(endpoint).region(region)
                .signatureVersion(signatureVersion).callingFormat(callingFormat).sslContext(sslContext)
                .trustAllCertificates(trustAllCertificates).proxy(proxyHost, proxyPort).proxyCredentials(proxyUsername, proxyPassword)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout).readTimeout(readTimeout).spoolThreshold(spoolThreshold).spoolDirectory(spoolDirectory)
                .downloadPartSize(downloadPartSize).downloadConcurrency(downloadConcurrency).spoolDownloads(spoolDownloads)
                .blockingTransport(blockingTransport).maxRetries(maxRetries).retryBaseDelay(retryBaseDelay).executor(executor)
                .scheduler(scheduler).followRedirects(followRedirects).verifyDownloads(verifyDownloads);
    }

    public boolean isAnonymous() {
        return credentialsProvider == null;
    }

    /** Where requests get their credentials, asked for every attempt; null for anonymous requests. */
    public CredentialsProvider credentialsProvider() {
        return credentialsProvider;
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    public SignatureVersion signatureVersion() {
        return signatureVersion;
    }

    public CallingFormat callingFormat() {
        return callingFormat;
    }

    /** The TLS context of https connections, or null for the JDK's default (its default trust store). */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Whether every server certificate is accepted, without host name check (development only). */
    public boolean trustAllCertificates() {
        return trustAllCertificates;
    }

    /** The HTTP proxy's host, or null for direct connections. */
    public String proxyHost() {
        return proxyHost;
    }

    public int proxyPort() {
        return proxyPort;
    }

    public String proxyUsername() {
        return proxyUsername;
    }

    /** The proxy password; handle with care, never log it. */
    public String proxyPassword() {
        return proxyPassword;
    }

    /** What the HTTP client of this configuration depends on: connections with equal settings can share one. */
    public TransportSettings transportSettings() {
        return new TransportSettings(connectTimeout, sslContext, trustAllCertificates, proxyHost, proxyPort,
                proxyUsername, proxyPassword);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a response body may stall (no bytes at all) before the transfer is abandoned. */
    public Duration readTimeout() {
        return readTimeout;
    }

    public long spoolThreshold() {
        return spoolThreshold;
    }

    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /**
     * Size of each range of a parallel download, or 0: one plain GET per object. A GET without a Range of
     * its own asks for the first range, learns the object's length from its Content-Range, and fetches the
     * rest in ranges of this size, {@link #downloadConcurrency()} at once, into the spool file.
     */
    public long downloadPartSize() {
        return downloadPartSize;
    }

    /** Ranges of one download in flight at once. */
    public int downloadConcurrency() {
        return downloadConcurrency;
    }

    /**
     * Whether object bodies are spooled (memory, then a temporary file: re-readable), or handed over as the
     * network stream (false: read once, in order, at flat memory; no parallel ranges).
     */
    public boolean spoolDownloads() {
        return spoolDownloads;
    }

    /**
     * Whether requests go through the JDK's blocking HttpURLConnection (large reads and writes straight to
     * the socket, no selector hand-offs; see {@link UrlConnectionTransport}) rather than the JDK's
     * asynchronous HttpClient. Default true; POSTs, bodies of unknown length and requests through a proxy
     * always use the HttpClient.
     */
    public boolean blockingTransport() {
        return blockingTransport;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    /**
     * Where blocking work runs (reading an upload stream, spooling multipart parts), or null: the
     * connection then makes its own pool of daemon threads and stops it on close. Camel hands in a pool
     * from its ExecutorServiceManager.
     */
    public Executor executor() {
        return executor;
    }

    /**
     * Where retry pauses and read timeouts are timed, or null: the connection then makes its own
     * daemon thread and stops it on close.
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Whether redirects within the configured store are followed (never outside it). */
    public boolean followRedirects() {
        return followRedirects;
    }

    /** Whether a whole single-part download is checked against the MD5 its ETag gives. */
    public boolean verifyDownloads() {
        return verifyDownloads;
    }

    @Override
    public String toString() {
        return "S3ClientConfig[endpoint=" + endpoint + ", region=" + region + ", signatureVersion=" + signatureVersion
                + ", callingFormat=" + callingFormat + ", credentials=" + (credentialsProvider == null ? "anonymous"
                : credentialsProvider) + ", " + transportSettings().describe() + "]";
    }

    public static final class Builder {
        private String accessKey;
        private String secretKey;
        private String sessionToken;
        private CredentialsProvider credentialsProvider;
        private URI endpoint = DEFAULT_ENDPOINT;
        private String region = DEFAULT_REGION;
        private SignatureVersion signatureVersion = SignatureVersion.V4;
        private CallingFormat callingFormat = CallingFormat.SUBDOMAIN;
        private SSLContext sslContext;
        private boolean trustAllCertificates;
        private String proxyHost;
        private int proxyPort;
        private String proxyUsername;
        private String proxyPassword;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration readTimeout = Duration.ofSeconds(60);
        private long spoolThreshold = S3Limits.DEFAULT_SPOOL_THRESHOLD;
        private Path spoolDirectory;
        private long downloadPartSize = S3Limits.DEFAULT_DOWNLOAD_PART_SIZE;
        private int downloadConcurrency = S3Limits.DEFAULT_DOWNLOAD_CONCURRENCY;
        private boolean spoolDownloads = true;
        private boolean blockingTransport = true;
        private int maxRetries = 3;
        private Duration retryBaseDelay = Duration.ofMillis(100);
        private Executor executor;
        private ScheduledExecutorService scheduler;
        private boolean followRedirects = true;
        private boolean verifyDownloads = true;

        private Builder() {
        }

        /** Static long-term keys (both, or neither for anonymous requests). */
        public Builder credentials(String accessKey, String secretKey) {
            return credentials(accessKey, secretKey, null);
        }

        /** Static temporary credentials: keys and their session token (sent as x-amz-security-token). */
        public Builder credentials(String accessKey, String secretKey, String sessionToken) {
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            this.sessionToken = sessionToken;
            this.credentialsProvider = null;
            return this;
        }

        /**
         * Where requests get their credentials, asked for every attempt (e.g. a
         * {@link dev.s3legacy.client.credentials.DefaultCredentialsProviderChain}); replaces static keys set before.
         */
        public Builder credentialsProvider(CredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            this.accessKey = null;
            this.secretKey = null;
            this.sessionToken = null;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder endpoint(String endpoint) {
            try {
                return endpoint(URI.create(endpoint));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid endpoint '" + endpoint + "': " + e.getMessage(), e);
            }
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder signatureVersion(SignatureVersion signatureVersion) {
            this.signatureVersion = signatureVersion;
            return this;
        }

        public Builder callingFormat(CallingFormat callingFormat) {
            this.callingFormat = callingFormat;
            return this;
        }

        /**
         * The TLS context of https connections (a private CA's trust store, a client certificate), for this
         * connection only; null (default) uses the JDK's default context.
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Accept every server certificate and skip the host name check, for this connection only. For
         * development against self-signed stores; never in production.
         */
        public Builder trustAllCertificates(boolean trustAllCertificates) {
            this.trustAllCertificates = trustAllCertificates;
            return this;
        }

        /** Send through this HTTP proxy (plain requests in absolute form, https through CONNECT); host null: direct. */
        public Builder proxy(String host, int port) {
            this.proxyHost = host;
            this.proxyPort = port;
            return this;
        }

        /** Basic credentials for the proxy, sent with every request to it (see {@link HttpTransport}). */
        public Builder proxyCredentials(String username, String password) {
            this.proxyUsername = username;
            this.proxyPassword = password;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Idle-read timeout: a download during which no bytes arrive for this long is aborted (code
         * {@code Timeout}) and its temporary file deleted. {@link #requestTimeout} ends when the response
         * headers arrive; this one guards the body.
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder spoolThreshold(long spoolThreshold) {
            this.spoolThreshold = spoolThreshold;
            return this;
        }

        public Builder spoolDirectory(Path spoolDirectory) {
            this.spoolDirectory = spoolDirectory;
            return this;
        }

        /** See {@link S3ClientConfig#downloadPartSize()}; 0 turns parallel ranged downloads off. */
        public Builder downloadPartSize(long downloadPartSize) {
            this.downloadPartSize = downloadPartSize;
            return this;
        }

        /** See {@link S3ClientConfig#downloadConcurrency()}. */
        public Builder downloadConcurrency(int downloadConcurrency) {
            this.downloadConcurrency = downloadConcurrency;
            return this;
        }

        /** See {@link S3ClientConfig#spoolDownloads()}. */
        public Builder spoolDownloads(boolean spoolDownloads) {
            this.spoolDownloads = spoolDownloads;
            return this;
        }

        /** See {@link S3ClientConfig#blockingTransport()}. */
        public Builder blockingTransport(boolean blockingTransport) {
            this.blockingTransport = blockingTransport;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder retryBaseDelay(Duration retryBaseDelay) {
            this.retryBaseDelay = retryBaseDelay;
            return this;
        }

        /** See {@link S3ClientConfig#executor()}; the caller owns it and stops it. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** See {@link S3ClientConfig#scheduler()}; the caller owns it and stops it. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Follow 301/307 redirects and region corrections (default true): only to the endpoint's host, the
         * bucket's subdomain of it, or another regional S3 host of AWS for an AWS endpoint, with the
         * endpoint's port and scheme. Anything else fails with the redirect's error naming the host.
         */
        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        /**
         * Check each whole single-part download against the MD5 its ETag gives (default true). Turn off
         * for stores whose ETags look like an MD5 but are not one (encrypted objects on some stores).
         */
        public Builder verifyDownloads(boolean verifyDownloads) {
            this.verifyDownloads = verifyDownloads;
            return this;
        }

        public S3ClientConfig build() {
            return new S3ClientConfig(this);
        }
    }
}
