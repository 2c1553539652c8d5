package dev.s3legacy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

import dev.s3legacy.client.CallingFormat;
import dev.s3legacy.client.ObjectWriteOptions;
import dev.s3legacy.client.ProgressListener;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Limits;
import dev.s3legacy.client.S3Names;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.SseCustomerKey;
import dev.s3legacy.client.credentials.CredentialsProvider;
import dev.s3legacy.client.credentials.DefaultCredentialsProviderChain;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The options of an s3legacy endpoint; set on the component, they are every endpoint's defaults. */
@UriParams
public class S3LegacyConfiguration implements Cloneable {

    /** S3's smallest part, except the last one. */

    @UriPath(description = "The bucket name (ignored by listAllMyBuckets)")
    @Metadata(required = true)
    private String bucketName;

    // ---- connection and security
    @UriParam(label = "security", secret = true, description = "Access key id. Set both credentials to sign requests, or neither for anonymous access to public buckets.")
    private String accessKey;
    @UriParam(label = "security", secret = true, description = "Secret access key. Never logged.")
    private String secretKey;
    @UriParam(label = "security", secret = true, description = "Session token of temporary credentials (with accessKey and secretKey): sent as x-amz-security-token, signed, and put in pre-signed URLs. Never logged.")
    private String sessionToken;
    @UriParam(label = "security", description = "A bean (#name) of type dev.s3legacy.client.credentials.CredentialsProvider asked for credentials on every request attempt; for credentials that change. Not with accessKey/secretKey or useDefaultCredentialsProvider.")
    private CredentialsProvider credentialsProvider;
    @UriParam(label = "security", defaultValue = "false", description = "Find credentials as AWS's SDKs do, in this order: environment variables, Java system properties, web identity (STS AssumeRoleWithWebIdentity), the profile files, container credentials, EC2 instance metadata (IMDSv2). Temporary credentials are refreshed before they expire. Not with accessKey/secretKey or credentialsProvider.")
    private boolean useDefaultCredentialsProvider;
    @UriParam(label = "security", description = "The profile of the AWS profile files that useDefaultCredentialsProvider reads; default AWS_PROFILE, else default.")
    private String profileName;
    @UriParam(label = "common", defaultValue = "https://s3.amazonaws.com", description = "The service's base URL: scheme, host and port.")
    private String endpoint = S3ClientConfig.DEFAULT_ENDPOINT.toString();
    @UriParam(label = "common", defaultValue = "us-east-1", description = "Signing region (V4).")
    private String region = S3ClientConfig.DEFAULT_REGION;
    @UriParam(label = "security", defaultValue = "V4", enums = "V2,V4", description = "V4 (AWS Signature Version 4) or V2 (the classic HMAC-SHA1 scheme).")
    private SignatureVersion signatureVersion = SignatureVersion.V4;
    @UriParam(label = "common", defaultValue = "SUBDOMAIN", enums = "SUBDOMAIN,PATH,VANITY",
              description = "SUBDOMAIN (bucket.host), PATH (host/bucket) or VANITY (the host is the bucket). SUBDOMAIN falls back to PATH for IP or localhost endpoints and bucket names that are not DNS-compatible.")
    private CallingFormat callingFormat = CallingFormat.SUBDOMAIN;
    @UriParam(label = "security", description = "TLS settings of https connections for this endpoint only (a trust store with a private CA, a client certificate); default the JVM's. Excludes trustAllCertificates.")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "security", defaultValue = "false", description = "Accept any server certificate and skip the host name check, for this endpoint only. Development only: logs a WARN at start. Excludes sslContextParameters.")
    private boolean trustAllCertificates;
    @UriParam(label = "proxy", description = "HTTP proxy host: plain requests go through it in absolute form, https through CONNECT. Needs proxyPort.")
    private String proxyHost;
    @UriParam(label = "proxy", description = "HTTP proxy port (needs proxyHost).")
    private Integer proxyPort;
    @UriParam(label = "proxy", description = "User name for a proxy that asks for Basic credentials (needs proxyPassword).")
    private String proxyUsername;
    @UriParam(label = "proxy", secret = true, description = "Password for a proxy that asks for Basic credentials. Never logged. An https endpoint needs the JVM started with -Djdk.http.auth.tunneling.disabledSchemes=\"\" for Basic on CONNECT.")
    private String proxyPassword;
    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration", description = "Time to establish a connection.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "60s", javaType = "java.time.Duration", description = "Time to wait for a response's headers.")
    private long requestTimeout = 60_000;
    @UriParam(label = "advanced", defaultValue = "60s", javaType = "java.time.Duration", description = "Longest pause between two pieces of a response body before the download is aborted (a stalled connection).")
    private long readTimeout = 60_000;
    @UriParam(label = "advanced", defaultValue = "3", description = "Retries of idempotent requests on 5xx, SlowDown, RequestTimeout and connection faults, with exponential backoff.")
    private int maxRetries = 3;
    @UriParam(label = "advanced", defaultValue = "true", description = "Follow 301/307 redirects and region corrections, but only within the configured store: its host, the bucket's subdomain of it, or another regional S3 host of AWS for an AWS endpoint, on the same port and scheme. A redirect anywhere else fails with the error naming the host. false: every redirect fails.")
    private boolean followRedirects = true;
    @UriParam(label = "advanced", defaultValue = "true", description = "Check each whole single-part download against the MD5 its ETag gives. Turn off for stores whose ETags look like an MD5 but are not one (encrypted objects on some MinIO and gateway setups); a mismatch that repeats identically is reported, not retried again.")
    private boolean verifyDownloads = true;

    // ---- producer
    @UriParam(label = "producer", defaultValue = "put", description = "The producer operation; header CamelS3LegacyOperation overrides.")
    private S3LegacyOperations operation = S3LegacyOperations.put;
    @UriParam(label = "producer", description = "The object key; header CamelS3LegacyKey overrides, CamelFileName is the fallback. A value holding ${ is a simple expression evaluated per message, e.g. ${date:now:yyyy/MM/dd}/${file:name}.")
    private String keyName;
    @UriParam(label = "common", description = "Listing prefix (listBucket and the consumer).")
    private String prefix;
    @UriParam(label = "common", description = "Listing delimiter (listBucket and the consumer), e.g. / for one level.")
    private String delimiter;
    @UriParam(label = "producer", description = "Listing marker for listBucket: list keys after this one.")
    private String marker;
    @UriParam(label = "common", description = "Page size of each listing request (S3 caps it at 1000).")
    private Integer maxKeys;
    @UriParam(label = "producer", description = "Location constraint for createBucket.")
    private String location;
    @UriParam(label = "producer", description = "Canned ACL (x-amz-acl) for put and createBucket, e.g. private or public-read.")
    private String cannedAcl;
    @UriParam(label = "producer", enums = "AES256,aws:kms", description = "Server-side encryption of the objects written (put, multipart upload, copy, the consumer's move): AES256 (SSE-S3) or aws:kms (SSE-KMS); header CamelS3LegacyServerSideEncryption overrides. Not with customerKey.")
    private String serverSideEncryption;
    @UriParam(label = "producer", description = "KMS key (id, ARN or alias) of SSE-KMS; only with serverSideEncryption=aws:kms. Unset: the account's default key.")
    private String kmsKeyId;
    @UriParam(label = "security", secret = true, description = "SSE-C: a base64 AES-256 key (32 bytes) that S3 encrypts objects with and does not keep. Sent, with its MD5, on every write, read (get, head, ranged get), multipart part and copy (also as the copy source's key), and signed into pre-signed URLs. Not with serverSideEncryption. Never logged.")
    private String customerKey;
    @UriParam(label = "producer", description = "Storage class of the objects written (put, multipart upload, copy, the consumer's move), e.g. STANDARD_IA, GLACIER_IR, INTELLIGENT_TIERING; any token the store knows (Ceph and MinIO define their own); header CamelS3LegacyStorageClass overrides.")
    private String storageClass;
    @UriParam(label = "producer", defaultValue = "false", description = "Return a pre-signed URL for the operation instead of performing it.")
    private boolean presign;
    @UriParam(label = "producer", defaultValue = "" + S3Limits.DEFAULT_EXPIRES_IN_SECONDS, description = "Seconds a pre-signed URL stays valid (V4: at most 604800).")
    private long expiresIn = S3Limits.DEFAULT_EXPIRES_IN_SECONDS;
    @UriParam(label = "producer", defaultValue = "true", description = "false: failed requests set the status and error headers, with the error document as body, instead of throwing.")
    private boolean throwExceptionOnFailure = true;
    @UriParam(label = "producer", defaultValue = "" + S3Limits.DEFAULT_MULTIPART_THRESHOLD, description = "Bodies above this many bytes, or of unknown length, go up as a multipart upload.")
    private long multipartThreshold = S3Limits.DEFAULT_MULTIPART_THRESHOLD;
    @UriParam(label = "producer", defaultValue = "" + S3Limits.DEFAULT_PART_SIZE, description = "Size of the multipart parts (at least 5 MiB, at most 5 GiB). Raised for a body of declared length whose 10,000 parts would not hold it; for unknown length the parts grow as the upload goes, so that 10,000 parts hold 5 TiB.")
    private long partSize = S3Limits.DEFAULT_PART_SIZE;
    @UriParam(label = "producer", defaultValue = "" + S3Limits.DEFAULT_MULTIPART_CONCURRENCY, description = "Multipart parts in flight at once.")
    private int multipartConcurrency = S3Limits.DEFAULT_MULTIPART_CONCURRENCY;

    // ---- bodies
    @UriParam(label = "advanced", defaultValue = "" + S3Limits.DEFAULT_SPOOL_THRESHOLD, description = "Response bodies above this many bytes spool to a temporary file, deleted when the exchange completes.")
    private long spoolThreshold = S3Limits.DEFAULT_SPOOL_THRESHOLD;
    @UriParam(label = "advanced", description = "Where spooled bodies go; default the JVM's temporary directory.")
    private String spoolDirectory;
    @UriParam(label = "advanced", defaultValue = "" + S3Limits.DEFAULT_DOWNLOAD_PART_SIZE, description = "A get of a whole object asks for its first this many bytes, learns the length from the answer, and fetches the rest in ranges of this size in parallel into the spool file (each range with If-Match of the first one's ETag). 0: one plain GET per object. At least 65536 otherwise.")
    private long downloadPartSize = S3Limits.DEFAULT_DOWNLOAD_PART_SIZE;
    @UriParam(label = "advanced", defaultValue = "" + S3Limits.DEFAULT_DOWNLOAD_CONCURRENCY, description = "Ranges of one download in flight at once (1 to 64).")
    private int downloadConcurrency = S3Limits.DEFAULT_DOWNLOAD_CONCURRENCY;
    @UriParam(label = "advanced", defaultValue = "true", description = "Spool object bodies (memory, then a temporary file): re-readable, and a file body that the file component renames into place. false: the body is the network stream itself, read once and in order at flat memory, with no parallel ranges; Camel stream caching must be off for the route, or it copies the stream.")
    private boolean spoolDownloads = true;
    @UriParam(label = "advanced", defaultValue = "true", description = "Send requests through the JDK's blocking HttpURLConnection, which reads and writes bodies in large blocks straight from and to the socket (at curl's speed on a large GET or PUT) and answers a small request without thread hand-offs. false: every request goes through the JDK's asynchronous HttpClient. POSTs (multipart initiate and complete, multi-object delete), bodies of unknown length and requests through a proxy always use the HttpClient, as does any request while the JVM would log HttpURLConnection's request headers (its logger at DEBUG/FINE) or has a default ResponseCache.")
    private boolean blockingTransport = true;
    // ---- progress of long transfers (issue 14)
    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration", description = "Every this long, each upload, download and multipart copy still running logs at INFO its key, bytes done of the total (or so far, for a stream of unknown length), rate and estimated time left, and ends with a line giving its total time; a transfer shorter than this logs nothing. The same figures go to progressListener, the dev console and JMX, and the final ones into header CamelS3LegacyTransferProgress. 0: off.")
    private long progressInterval = 10_000;
    @UriParam(label = "advanced", description = "A bean (#name) of type dev.s3legacy.client.ProgressListener called with each transfer's snapshot on every progressInterval, then once with its final snapshot. It runs on the component's timer thread (the final call on the thread that completed the transfer): it must return quickly.")
    private ProgressListener progressListener;

    // ---- consumer
    @UriParam(label = "consumer", defaultValue = "false", description = "Delete each object after its exchange completed successfully.")
    private boolean deleteAfterRead;
    @UriParam(label = "consumer", defaultValue = "false", description = "Move each object after its exchange completed successfully: copy to destinationBucket under destinationPrefix followed by the full key, then delete.")
    private boolean moveAfterRead;
    @UriParam(label = "consumer", description = "Bucket that moveAfterRead copies to.")
    private String destinationBucket;
    @UriParam(label = "consumer", description = "Prefix put before the key by moveAfterRead. A value holding ${ is a simple expression evaluated per exchange, e.g. archive/${date:now:yyyy/MM}/; its literal part before the first ${ must lie outside the polled area.")
    private String destinationPrefix;
    @UriParam(label = "consumer", defaultValue = "true", description = "Fetch each object's data as the body; false sends only the headers and makes no GET.")
    private boolean includeBody = true;
    @UriParam(label = "consumer", defaultValue = "false", description = "Deliver folder placeholders (keys ending in /).")
    private boolean includeFolders;
    // ---- consumer: selection and poison objects (see ObjectSelection, DeliveryAttempts)
    @UriParam(label = "consumer", description = "Regular expression (Java syntax) the whole key must match to be delivered.")
    private String include;
    @UriParam(label = "consumer", description = "Regular expression: keys matching it whole are not delivered; wins over include.")
    private String exclude;
    @UriParam(label = "consumer", description = "Ant patterns (comma-separated) on the key, matched with Camel's AntPathMatcher: a key must match one to be delivered.")
    private String antInclude;
    @UriParam(label = "consumer", description = "Ant patterns (comma-separated) on the key: a key matching one is not delivered; wins over antInclude.")
    private String antExclude;
    @UriParam(label = "consumer", javaType = "java.util.function.Predicate<dev.s3legacy.client.model.ListEntry>", description = "A bean (#name): a java.util.function.Predicate of dev.s3legacy.client.model.ListEntry, asked for each listed object (key, size, ETag, last modified) after the other selection options: false skips it. It must be fast (it runs for every listed object on every poll) and not throw.")
    private java.util.function.Predicate<dev.s3legacy.client.model.ListEntry> filter;
    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration", description = "Skip objects younger than this (by their listed last-modified time), e.g. 5m for writers that upload in steps; 0: no minimum.")
    private long minAge;
    @UriParam(label = "consumer", defaultValue = "0", description = "Failed deliveries of one object version (key and ETag) after which the consumer stops delivering it (and moves it to moveFailed, if set); 0: no limit. Counted in memory by the endpoint: a route restart keeps the counts, an application restart starts again from 0.")
    private int maxDeliveryAttempts;
    @UriParam(label = "consumer", description = "Where an object goes when maxDeliveryAttempts is exhausted: a prefix in the polled bucket (failed/), or bucket:prefix (dead-letters:orders/), or bucket: (same key in another bucket). The copy gets x-amz-meta-s3legacy-last-error and x-amz-meta-s3legacy-delivery-attempts. Needs maxDeliveryAttempts.")
    private String moveFailed;
    @UriParam(label = "consumer", description = "Remembers delivered objects (by key and ETag) so each is delivered once. Default: in memory, forgetting objects that left the bucket after each complete walk of the listing, and at most 1,000,000 entries.")
    private IdempotentRepository idempotentRepository;
    // several nodes and huge buckets (issue 13)
    @UriParam(label = "consumer", description = "Claims objects while they are processed, so several nodes polling one bucket deliver each once: a shared repository (e.g. camel-sql's JdbcOrphanLockAwareIdempotentRepository, whose claims expire when their node dies) is asked to add the object's id just before it is fetched (false or an exception: another node has it) and to remove it once the object is done or failed. Default: an in-memory set of this endpoint's objects in flight.")
    private IdempotentRepository inProgressRepository;
    @UriParam(label = "consumer", description = "Keeps the listing position of the running walk (the last key of each processed page) under the key s3legacy:bucket/prefix, so a restarted consumer resumes a huge bucket's listing where it stopped instead of listing from the top. Any Camel StateRepository, e.g. FileStateRepository.")
    private StateRepository<String, String> checkpointRepository;
    @UriParam(label = "consumer", defaultValue = "10", description = "With checkpointRepository: every Nth poll walks the listing from the top again, to catch keys written behind the checkpoint (1: every poll; 0: never).")
    private int fullWalkEvery = 10;

    public S3LegacyConfiguration copy() {
        try {
            return (S3LegacyConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The client configuration these options make; fails early, naming the option, on bad values. */
    public S3ClientConfig toClientConfig() {
        return toClientConfig(null);
    }

    /**
     * The same, with {@code background} for the default chain's credential refreshes (an endpoint hands its
     * component's pool, so no thread is made outside Camel's ExecutorServiceManager); null: a daemon thread each.
     */
    public S3ClientConfig toClientConfig(Executor background) {
        if (partSize < S3Limits.MIN_PART_SIZE || partSize > S3Limits.MAX_PART_SIZE) {
            throw new IllegalArgumentException("Option partSize must be " + S3Limits.MIN_PART_SIZE + " (5 MiB) to "
                    + S3Limits.MAX_PART_SIZE + " (5 GiB), was " + partSize);
        }
        requirePositive("multipartConcurrency", multipartConcurrency);
        requirePositive("multipartThreshold", multipartThreshold);
        requirePositive("expiresIn", expiresIn);
        if (signatureVersion == SignatureVersion.V4 && expiresIn > S3Limits.MAX_PRESIGN_SECONDS) {
            throw new IllegalArgumentException("Option expiresIn must be at most " + S3Limits.MAX_PRESIGN_SECONDS
                    + " seconds (7 days) with V4, was " + expiresIn);
        }
        if (maxKeys != null && (maxKeys < 1 || maxKeys > S3Limits.MAX_KEYS_PER_LISTING)) {
            throw new IllegalArgumentException("Option maxKeys must be 1 to " + S3Limits.MAX_KEYS_PER_LISTING + ", was " + maxKeys);
        }
        if (fullWalkEvery < 0) {
            throw new IllegalArgumentException("Option fullWalkEvery must be 0 or more, was " + fullWalkEvery);
        }
        if (moveAfterRead && (destinationBucket == null || destinationBucket.isEmpty())) {
            throw new IllegalArgumentException("Option moveAfterRead needs destinationBucket");
        }
        if (destinationBucket != null) {
            S3Names.requireValidBucket(destinationBucket);
        }
        if (spoolThreshold < 0) {
            throw new IllegalArgumentException("Option spoolThreshold must be 0 or more, was " + spoolThreshold);
        }
        requireProxyOptions();
        if (trustAllCertificates && sslContextParameters != null) {
            throw new IllegalArgumentException("Options trustAllCertificates and sslContextParameters exclude each other:"
                    + " trusting every certificate would ignore the trust store of sslContextParameters");
        }
        try {
            return credentials(S3ClientConfig.builder(), background).endpoint(endpoint).region(region)
                    .signatureVersion(signatureVersion).callingFormat(callingFormat).trustAllCertificates(trustAllCertificates)
                    .proxy(proxyHost, proxyPort == null ? 0 : proxyPort).proxyCredentials(proxyUsername, proxyPassword)
                    .connectTimeout(Duration.ofMillis(connectTimeout)).requestTimeout(Duration.ofMillis(requestTimeout)).readTimeout(Duration.ofMillis(readTimeout))
                    .spoolThreshold(spoolThreshold).spoolDirectory(spoolDirectory == null ? null : Path.of(spoolDirectory))
                    .downloadPartSize(downloadPartSize).downloadConcurrency(downloadConcurrency).spoolDownloads(spoolDownloads)
                    .blockingTransport(blockingTransport).maxRetries(maxRetries).followRedirects(followRedirects).verifyDownloads(verifyDownloads).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid s3legacy option: " + e.getMessage(), e);
        }
    }

    /**
     * Static keys, a credentials provider bean, or the default chain: at most one of them. The chain is made
     * here but looks for credentials only when the first request needs them.
     */
    private S3ClientConfig.Builder credentials(S3ClientConfig.Builder builder, Executor background) {
        boolean keys = isSet(accessKey) || isSet(secretKey);
        int ways = (keys ? 1 : 0) + (credentialsProvider != null ? 1 : 0) + (useDefaultCredentialsProvider ? 1 : 0);
        if (ways > 1) {
            throw new IllegalArgumentException("Set only one of: accessKey/secretKey, credentialsProvider,"
                    + " useDefaultCredentialsProvider=true");
        }
        if (isSet(sessionToken) && !(isSet(accessKey) && isSet(secretKey))) {
            throw new IllegalArgumentException("Option sessionToken needs accessKey and secretKey");
        }
        if (credentialsProvider != null) {
            return builder.credentialsProvider(credentialsProvider);
        }
        if (useDefaultCredentialsProvider) {
            return builder.credentialsProvider(new DefaultCredentialsProviderChain(profileName, background));
        }
        return builder.credentials(accessKey, secretKey, sessionToken);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }

    private void requireProxyOptions() {
        boolean hasHost = proxyHost != null && !proxyHost.isBlank();
        if (proxyPort != null && !hasHost) {
            throw new IllegalArgumentException("Option proxyPort needs proxyHost");
        }
        if (hasHost && proxyPort == null) {
            throw new IllegalArgumentException("Option proxyHost needs proxyPort");
        }
        if (proxyPort != null && (proxyPort < 1 || proxyPort > 65535)) {
            throw new IllegalArgumentException("Option proxyPort must be 1 to 65535, was " + proxyPort);
        }
        boolean hasUser = proxyUsername != null && !proxyUsername.isEmpty();
        boolean hasPassword = proxyPassword != null && !proxyPassword.isEmpty();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException(hasUser ? "Option proxyUsername needs proxyPassword" : "Option proxyPassword needs proxyUsername");
        }
        if (hasUser && !hasHost) {
            throw new IllegalArgumentException("Options proxyUsername and proxyPassword need proxyHost and proxyPort");
        }
    }

    /**
     * The encryption and storage class options as the client applies them; fails early, naming the option (never
     * repeating the customer key).
     */
    public ObjectWriteOptions toWriteOptions() {
        ObjectWriteOptions.requireServerSideEncryption("Option serverSideEncryption", emptyToNull(serverSideEncryption));
        ObjectWriteOptions.requireStorageClass("Option storageClass", emptyToNull(storageClass));
        if (emptyToNull(kmsKeyId) != null && !ObjectWriteOptions.AWS_KMS.equals(serverSideEncryption)) {
            throw new IllegalArgumentException("Option kmsKeyId needs serverSideEncryption=" + ObjectWriteOptions.AWS_KMS
                    + ", was " + (serverSideEncryption == null ? "unset" : serverSideEncryption));
        }
        SseCustomerKey key = null;
        if (emptyToNull(customerKey) != null) {
            if (emptyToNull(serverSideEncryption) != null) {
                throw new IllegalArgumentException("Options customerKey (SSE-C) and serverSideEncryption exclude each other");
            }
            key = SseCustomerKey.ofBase64("Option customerKey", customerKey);
        }
        return ObjectWriteOptions.builder().serverSideEncryption(serverSideEncryption).kmsKeyId(kmsKeyId).customerKey(key)
                .storageClass(storageClass).build();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Option " + name + " must be positive, was " + value);
        }
    }

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }

    public CredentialsProvider getCredentialsProvider() {
        return credentialsProvider;
    }

    public void setCredentialsProvider(CredentialsProvider credentialsProvider) {
        this.credentialsProvider = credentialsProvider;
    }

    public boolean isUseDefaultCredentialsProvider() {
        return useDefaultCredentialsProvider;
    }

    public void setUseDefaultCredentialsProvider(boolean useDefaultCredentialsProvider) {
        this.useDefaultCredentialsProvider = useDefaultCredentialsProvider;
    }

    public String getProfileName() {
        return profileName;
    }

    public void setProfileName(String profileName) {
        this.profileName = profileName;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public SignatureVersion getSignatureVersion() {
        return signatureVersion;
    }

    public void setSignatureVersion(SignatureVersion signatureVersion) {
        this.signatureVersion = signatureVersion;
    }

    public CallingFormat getCallingFormat() {
        return callingFormat;
    }

    public void setCallingFormat(CallingFormat callingFormat) {
        this.callingFormat = callingFormat;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public boolean isTrustAllCertificates() {
        return trustAllCertificates;
    }

    public void setTrustAllCertificates(boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public S3LegacyOperations getOperation() {
        return operation;
    }

    public void setOperation(S3LegacyOperations operation) {
        this.operation = operation;
    }

    public String getKeyName() {
        return keyName;
    }

    public void setKeyName(String keyName) {
        this.keyName = keyName;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public String getMarker() {
        return marker;
    }

    public void setMarker(String marker) {
        this.marker = marker;
    }

    public Integer getMaxKeys() {
        return maxKeys;
    }

    public void setMaxKeys(Integer maxKeys) {
        this.maxKeys = maxKeys;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getCannedAcl() {
        return cannedAcl;
    }

    public void setCannedAcl(String cannedAcl) {
        this.cannedAcl = cannedAcl;
    }

    public String getServerSideEncryption() {
        return serverSideEncryption;
    }

    public void setServerSideEncryption(String serverSideEncryption) {
        this.serverSideEncryption = serverSideEncryption;
    }

    public String getKmsKeyId() {
        return kmsKeyId;
    }

    public void setKmsKeyId(String kmsKeyId) {
        this.kmsKeyId = kmsKeyId;
    }

    public String getCustomerKey() {
        return customerKey;
    }

    public void setCustomerKey(String customerKey) {
        this.customerKey = customerKey;
    }

    public String getStorageClass() {
        return storageClass;
    }

    public void setStorageClass(String storageClass) {
        this.storageClass = storageClass;
    }

    public boolean isPresign() {
        return presign;
    }

    public void setPresign(boolean presign) {
        this.presign = presign;
    }

    public long getExpiresIn() {
        return expiresIn;
    }

    public void setExpiresIn(long expiresIn) {
        this.expiresIn = expiresIn;
    }

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public long getMultipartThreshold() {
        return multipartThreshold;
    }

    public void setMultipartThreshold(long multipartThreshold) {
        this.multipartThreshold = multipartThreshold;
    }

    public long getPartSize() {
        return partSize;
    }

    public void setPartSize(long partSize) {
        this.partSize = partSize;
    }

    public int getMultipartConcurrency() {
        return multipartConcurrency;
    }

    public void setMultipartConcurrency(int multipartConcurrency) {
        this.multipartConcurrency = multipartConcurrency;
    }

    public long getSpoolThreshold() {
        return spoolThreshold;
    }

    public void setSpoolThreshold(long spoolThreshold) {
        this.spoolThreshold = spoolThreshold;
    }

    public String getSpoolDirectory() {
        return spoolDirectory;
    }

    public void setSpoolDirectory(String spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    public long getDownloadPartSize() {
        return downloadPartSize;
    }

    public void setDownloadPartSize(long downloadPartSize) {
        this.downloadPartSize = downloadPartSize;
    }

    public int getDownloadConcurrency() {
        return downloadConcurrency;
    }

    public void setDownloadConcurrency(int downloadConcurrency) {
        this.downloadConcurrency = downloadConcurrency;
    }

    public boolean isBlockingTransport() {
        return blockingTransport;
    }

    public void setBlockingTransport(boolean blockingTransport) {
        this.blockingTransport = blockingTransport;
    }

    public boolean isSpoolDownloads() {
        return spoolDownloads;
    }

    public void setSpoolDownloads(boolean spoolDownloads) {
        this.spoolDownloads = spoolDownloads;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(long progressInterval) {
        if (progressInterval < 0) {
            throw new IllegalArgumentException("Option progressInterval must be 0 (off) or more, was " + progressInterval);
        }
        this.progressInterval = progressInterval;
    }

    public ProgressListener getProgressListener() {
        return progressListener;
    }

    public void setProgressListener(ProgressListener progressListener) {
        this.progressListener = progressListener;
    }

    public boolean isDeleteAfterRead() {
        return deleteAfterRead;
    }

    public void setDeleteAfterRead(boolean deleteAfterRead) {
        this.deleteAfterRead = deleteAfterRead;
    }

    public boolean isMoveAfterRead() {
        return moveAfterRead;
    }

    public void setMoveAfterRead(boolean moveAfterRead) {
        this.moveAfterRead = moveAfterRead;
    }

    public String getDestinationBucket() {
        return destinationBucket;
    }

    public void setDestinationBucket(String destinationBucket) {
        this.destinationBucket = destinationBucket;
    }

    public String getDestinationPrefix() {
        return destinationPrefix;
    }

    public void setDestinationPrefix(String destinationPrefix) {
        this.destinationPrefix = destinationPrefix;
    }

    public boolean isIncludeBody() {
        return includeBody;
    }

    public void setIncludeBody(boolean includeBody) {
        this.includeBody = includeBody;
    }

    public boolean isIncludeFolders() {
        return includeFolders;
    }

    public void setIncludeFolders(boolean includeFolders) {
        this.includeFolders = includeFolders;
    }

    public String getInclude() {
        return include;
    }

    public void setInclude(String include) {
        this.include = include;
    }

    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public String getAntInclude() {
        return antInclude;
    }

    public void setAntInclude(String antInclude) {
        this.antInclude = antInclude;
    }

    public String getAntExclude() {
        return antExclude;
    }

    public void setAntExclude(String antExclude) {
        this.antExclude = antExclude;
    }

    public java.util.function.Predicate<dev.s3legacy.client.model.ListEntry> getFilter() {
        return filter;
    }

    public void setFilter(java.util.function.Predicate<dev.s3legacy.client.model.ListEntry> filter) {
        this.filter = filter;
    }

    public long getMinAge() {
        return minAge;
    }

    public void setMinAge(long minAge) {
        this.minAge = minAge;
    }

    public int getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(int maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    public String getMoveFailed() {
        return moveFailed;
    }

    public void setMoveFailed(String moveFailed) {
        this.moveFailed = moveFailed;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public IdempotentRepository getInProgressRepository() {
        return inProgressRepository;
    }

    public void setInProgressRepository(IdempotentRepository inProgressRepository) {
        this.inProgressRepository = inProgressRepository;
    }

    public StateRepository<String, String> getCheckpointRepository() {
        return checkpointRepository;
    }

    public void setCheckpointRepository(StateRepository<String, String> checkpointRepository) {
        this.checkpointRepository = checkpointRepository;
    }

    public int getFullWalkEvery() {
        return fullWalkEvery;
    }

    public void setFullWalkEvery(int fullWalkEvery) {
        this.fullWalkEvery = fullWalkEvery;
    }

    public boolean isFollowRedirects() {
        return followRedirects;
    }

    public void setFollowRedirects(boolean followRedirects) {
        this.followRedirects = followRedirects;
    }

    public boolean isVerifyDownloads() {
        return verifyDownloads;
    }

    public void setVerifyDownloads(boolean verifyDownloads) {
        this.verifyDownloads = verifyDownloads;
    }
}
