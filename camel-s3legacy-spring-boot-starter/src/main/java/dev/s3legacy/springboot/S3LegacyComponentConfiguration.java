package dev.s3legacy.springboot;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every option of the s3legacy component as {@code camel.component.s3legacy.*} properties, in the shape of
 * Camel's generated starters: one field per entry of {@code componentProperties} in the component's
 * {@code META-INF/dev/s3legacy/s3legacy.json} (same name; {@code S3LegacyComponentConfigurationTest} keeps them in
 * sync), {@code null} meaning "not set, the component's default". Durations are text (Camel's syntax: {@code 10s},
 * {@code 1m30s}, or milliseconds); object options take a bean reference ({@code #bean:name}, see
 * {@link S3LegacyComponentConverter}). The defaults shown by an IDE come from
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 */
@ConfigurationProperties(prefix = "camel.component.s3legacy")
public class S3LegacyComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the s3legacy component. This is enabled by default.
     */
    private Boolean enabled;

    /**
     * SUBDOMAIN (bucket.host), PATH (host/bucket) or VANITY (the host is the bucket). SUBDOMAIN falls
     * back to PATH for IP or localhost endpoints and bucket names that are not DNS-compatible.
     */
    private dev.s3legacy.client.CallingFormat callingFormat;
    /**
     * Default options of every endpoint
     */
    private dev.s3legacy.S3LegacyConfiguration configuration;
    /**
     * Listing delimiter (listBucket and the consumer), e.g. / for one level.
     */
    private String delimiter;
    /**
     * The service's base URL: scheme, host and port.
     */
    private String endpoint;
    /**
     * Page size of each listing request (S3 caps it at 1000).
     */
    private Integer maxKeys;
    /**
     * Listing prefix (listBucket and the consumer).
     */
    private String prefix;
    /**
     * Signing region (V4).
     */
    private String region;
    /**
     * Ant patterns (comma-separated) on the key: a key matching one is not delivered; wins over
     * antInclude.
     */
    private String antExclude;
    /**
     * Ant patterns (comma-separated) on the key, matched with Camel's AntPathMatcher: a key must match
     * one to be delivered.
     */
    private String antInclude;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions
     * (if possible) occurred while the Camel consumer is trying to pickup incoming messages, or the
     * likes, will now be processed as a message and handled by the routing Error Handler. Important:
     * This is only possible if the 3rd party component allows Camel to be alerted if an exception was
     * thrown. Some components handle this internally only, and therefore bridgeErrorHandler is not
     * possible. In other situations we may improve the Camel component to hook into the 3rd party
     * component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or
     * ERROR level and ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * Keeps the listing position of the running walk (the last key of each processed page) under the
     * key s3legacy:bucket/prefix, so a restarted consumer resumes a huge bucket's listing where it
     * stopped instead of listing from the top. Any Camel StateRepository, e.g. FileStateRepository.
     */
    private org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String> checkpointRepository;
    /**
     * Delete each object after its exchange completed successfully.
     */
    private Boolean deleteAfterRead;
    /**
     * Bucket that moveAfterRead copies to.
     */
    private String destinationBucket;
    /**
     * Prefix put before the key by moveAfterRead. A value holding ${ is a simple expression evaluated
     * per exchange, e.g. archive/${date:now:yyyy/MM}/; its literal part before the first ${ must lie
     * outside the polled area.
     */
    private String destinationPrefix;
    /**
     * Regular expression: keys matching it whole are not delivered; wins over include.
     */
    private String exclude;
    /**
     * A bean (#name): a java.util.function.Predicate of dev.s3legacy.client.model.ListEntry, asked for
     * each listed object (key, size, ETag, last modified) after the other selection options: false
     * skips it. It must be fast (it runs for every listed object on every poll) and not throw.
     */
    private java.util.function.Predicate<dev.s3legacy.client.model.ListEntry> filter;
    /**
     * With checkpointRepository: every Nth poll walks the listing from the top again, to catch keys
     * written behind the checkpoint (1: every poll; 0: never).
     */
    private Integer fullWalkEvery;
    /**
     * Remembers delivered objects (by key and ETag) so each is delivered once. Default: in memory,
     * forgetting objects that left the bucket after each complete walk of the listing, and at most
     * 1,000,000 entries.
     */
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;
    /**
     * Regular expression (Java syntax) the whole key must match to be delivered.
     */
    private String include;
    /**
     * Fetch each object's data as the body; false sends only the headers and makes no GET.
     */
    private Boolean includeBody;
    /**
     * Deliver folder placeholders (keys ending in /).
     */
    private Boolean includeFolders;
    /**
     * Claims objects while they are processed, so several nodes polling one bucket deliver each once: a
     * shared repository (e.g. camel-sql's JdbcOrphanLockAwareIdempotentRepository, whose claims expire
     * when their node dies) is asked to add the object's id just before it is fetched (false or an
     * exception: another node has it) and to remove it once the object is done or failed. Default: an
     * in-memory set of this endpoint's objects in flight.
     */
    private org.apache.camel.spi.IdempotentRepository inProgressRepository;
    /**
     * Failed deliveries of one object version (key and ETag) after which the consumer stops delivering
     * it (and moves it to moveFailed, if set); 0: no limit. Counted in memory by the endpoint: a route
     * restart keeps the counts, an application restart starts again from 0.
     */
    private Integer maxDeliveryAttempts;
    /**
     * Skip objects younger than this (by their listed last-modified time), e.g. 5m for writers that
     * upload in steps; 0: no minimum. A duration: milliseconds or text such as 10s, 1m30s.
     */
    private String minAge;
    /**
     * Move each object after its exchange completed successfully: copy to destinationBucket under
     * destinationPrefix followed by the full key, then delete.
     */
    private Boolean moveAfterRead;
    /**
     * Where an object goes when maxDeliveryAttempts is exhausted: a prefix in the polled bucket
     * (failed/), or bucket:prefix (dead-letters:orders/), or bucket: (same key in another bucket). The
     * copy gets x-amz-meta-s3legacy-last-error and x-amz-meta-s3legacy-delivery-attempts. Needs
     * maxDeliveryAttempts.
     */
    private String moveFailed;
    /**
     * Canned ACL (x-amz-acl) for put and createBucket, e.g. private or public-read.
     */
    private String cannedAcl;
    /**
     * Seconds a pre-signed URL stays valid (V4: at most 604800).
     */
    private Long expiresIn;
    /**
     * The object key; header CamelS3LegacyKey overrides, CamelFileName is the fallback. A value holding
     * ${ is a simple expression evaluated per message, e.g. ${date:now:yyyy/MM/dd}/${file:name}.
     */
    private String keyName;
    /**
     * KMS key (id, ARN or alias) of SSE-KMS; only with serverSideEncryption=aws:kms. Unset: the
     * account's default key.
     */
    private String kmsKeyId;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use
     * this to allow CamelContext and routes to startup in situations where a producer may otherwise
     * fail during starting and cause the route to fail being started. By deferring this startup to be
     * lazy then the startup failure can be handled during routing messages via Camel's routing error
     * handlers. Beware that when the first message is processed then creating and starting the producer
     * may take a little time and prolong the total processing time of the processing.
     */
    private Boolean lazyStartProducer;
    /**
     * Location constraint for createBucket.
     */
    private String location;
    /**
     * Listing marker for listBucket: list keys after this one.
     */
    private String marker;
    /**
     * Multipart parts in flight at once.
     */
    private Integer multipartConcurrency;
    /**
     * Bodies above this many bytes, or of unknown length, go up as a multipart upload.
     */
    private Long multipartThreshold;
    /**
     * The producer operation; header CamelS3LegacyOperation overrides.
     */
    private dev.s3legacy.S3LegacyOperations operation;
    /**
     * Size of the multipart parts (at least 5 MiB, at most 5 GiB). Raised for a body of declared length
     * whose 10,000 parts would not hold it; for unknown length the parts grow as the upload goes, so
     * that 10,000 parts hold 5 TiB.
     */
    private Long partSize;
    /**
     * Return a pre-signed URL for the operation instead of performing it.
     */
    private Boolean presign;
    /**
     * Server-side encryption of the objects written (put, multipart upload, copy, the consumer's move):
     * AES256 (SSE-S3) or aws:kms (SSE-KMS); header CamelS3LegacyServerSideEncryption overrides. Not
     * with customerKey.
     */
    private String serverSideEncryption;
    /**
     * Storage class of the objects written (put, multipart upload, copy, the consumer's move), e.g.
     * STANDARD_IA, GLACIER_IR, INTELLIGENT_TIERING; any token the store knows (Ceph and MinIO define
     * their own); header CamelS3LegacyStorageClass overrides.
     */
    private String storageClass;
    /**
     * false: failed requests set the status and error headers, with the error document as body, instead
     * of throwing.
     */
    private Boolean throwExceptionOnFailure;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be
     * marked as autowired) by looking up in the registry to find if there is a single instance of
     * matching type, which then gets configured on the component. This can be used for automatic
     * configuring JDBC data sources, JMS connection factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * Time to establish a connection. A duration: milliseconds or text such as 10s, 1m30s.
     */
    private String connectTimeout;
    /**
     * Ranges of one download in flight at once (1 to 64).
     */
    private Integer downloadConcurrency;
    /**
     * A get of a whole object asks for its first this many bytes, learns the length from the answer,
     * and fetches the rest in ranges of this size in parallel into the spool file (each range with If-
     * Match of the first one's ETag). 0: one plain GET per object. At least 65536 otherwise.
     */
    private Long downloadPartSize;
    /**
     * Follow 301/307 redirects and region corrections, but only within the configured store: its host,
     * the bucket's subdomain of it, or another regional S3 host of AWS for an AWS endpoint, on the same
     * port and scheme. A redirect anywhere else fails with the error naming the host. false: every
     * redirect fails.
     */
    private Boolean followRedirects;
    /**
     * Retries of idempotent requests on 5xx, SlowDown, RequestTimeout and connection faults, with
     * exponential backoff.
     */
    private Integer maxRetries;
    /**
     * Longest pause between two pieces of a response body before the download is aborted (a stalled
     * connection). A duration: milliseconds or text such as 10s, 1m30s.
     */
    private String readTimeout;
    /**
     * Time to wait for a response's headers. A duration: milliseconds or text such as 10s, 1m30s.
     */
    private String requestTimeout;
    /**
     * Where spooled bodies go; default the JVM's temporary directory.
     */
    private String spoolDirectory;
    /**
     * Spool object bodies (memory, then a temporary file): re-readable, and a file body that the file
     * component renames into place. false: the body is the network stream itself, read once and in
     * order at flat memory, with no parallel ranges; Camel stream caching must be off for the route, or
     * it copies the stream.
     */
    private Boolean spoolDownloads;
    /**
     * Send requests through the JDK's blocking HttpURLConnection, which reads and writes bodies in large
     * blocks straight from and to the socket (at curl's speed on a large GET or PUT) and answers a small
     * request without thread hand-offs. false: every request goes through the JDK's asynchronous
     * HttpClient. POSTs (multipart initiate and complete, multi-object delete), bodies of unknown length and
     * requests through a proxy always use the HttpClient, as does any request while the JVM would log
     * HttpURLConnection's request headers (its logger at DEBUG/FINE) or has a default ResponseCache.
     */
    private Boolean blockingTransport;
    /**
     * Every this long, each upload, download and multipart copy still running logs at INFO its key, bytes
     * done of the total (or so far, for a stream of unknown length), rate and estimated time left, and ends
     * with a line giving its total time; a transfer shorter than this logs nothing. The same figures go to
     * progressListener, the dev console and JMX, and the final ones into header
     * CamelS3LegacyTransferProgress. 0: off. A duration: milliseconds or text such as 10s, 1m30s.
     */
    private String progressInterval;
    /**
     * A bean (#bean:name) of type dev.s3legacy.client.ProgressListener called with each transfer's
     * snapshot on every progressInterval, then once with its final snapshot. It must return quickly.
     */
    private dev.s3legacy.client.ProgressListener progressListener;
    /**
     * Response bodies above this many bytes spool to a temporary file, deleted when the exchange
     * completes.
     */
    private Long spoolThreshold;
    /**
     * Check each whole single-part download against the MD5 its ETag gives. Turn off for stores whose
     * ETags look like an MD5 but are not one (encrypted objects on some MinIO and gateway setups); a
     * mismatch that repeats identically is reported, not retried again.
     */
    private Boolean verifyDownloads;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice:
     * Camel has by default disabled all producer based health-checks. You can turn on producer checks
     * globally by setting camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;
    /**
     * How long a producer health check's result is reused before it asks the store again (a one-key
     * listing of the bucket), so readiness probes, however frequent, do not hammer the store. 0: ask on
     * every call. A duration: milliseconds or text such as 10s, 1m30s.
     */
    private String healthCheckProducerInterval;
    /**
     * HTTP proxy host: plain requests go through it in absolute form, https through CONNECT. Needs
     * proxyPort.
     */
    private String proxyHost;
    /**
     * Password for a proxy that asks for Basic credentials. Never logged. An https endpoint needs the
     * JVM started with -Djdk.http.auth.tunneling.disabledSchemes= for Basic on CONNECT.
     */
    private String proxyPassword;
    /**
     * HTTP proxy port (needs proxyHost).
     */
    private Integer proxyPort;
    /**
     * User name for a proxy that asks for Basic credentials (needs proxyPassword).
     */
    private String proxyUsername;
    /**
     * Access key id. Set both credentials to sign requests, or neither for anonymous access to public
     * buckets.
     */
    private String accessKey;
    /**
     * A bean (#name) of type dev.s3legacy.client.credentials.CredentialsProvider asked for credentials
     * on every request attempt; for credentials that change. Not with accessKey/secretKey or
     * useDefaultCredentialsProvider.
     */
    private dev.s3legacy.client.credentials.CredentialsProvider credentialsProvider;
    /**
     * SSE-C: a base64 AES-256 key (32 bytes) that S3 encrypts objects with and does not keep. Sent,
     * with its MD5, on every write, read (get, head, ranged get), multipart part and copy (also as the
     * copy source's key), and signed into pre-signed URLs. Not with serverSideEncryption. Never logged.
     */
    private String customerKey;
    /**
     * The profile of the AWS profile files that useDefaultCredentialsProvider reads; default
     * AWS_PROFILE, else default.
     */
    private String profileName;
    /**
     * Secret access key. Never logged.
     */
    private String secretKey;
    /**
     * Session token of temporary credentials (with accessKey and secretKey): sent as x-amz-security-
     * token, signed, and put in pre-signed URLs. Never logged.
     */
    private String sessionToken;
    /**
     * V4 (AWS Signature Version 4) or V2 (the classic HMAC-SHA1 scheme).
     */
    private dev.s3legacy.client.SignatureVersion signatureVersion;
    /**
     * TLS settings of https connections for this endpoint only (a trust store with a private CA, a
     * client certificate); default the JVM's. Excludes trustAllCertificates.
     */
    private org.apache.camel.support.jsse.SSLContextParameters sslContextParameters;
    /**
     * Accept any server certificate and skip the host name check, for this endpoint only. Development
     * only: logs a WARN at start. Excludes sslContextParameters.
     */
    private Boolean trustAllCertificates;
    /**
     * Find credentials as AWS's SDKs do, in this order: environment variables, Java system properties,
     * web identity (STS AssumeRoleWithWebIdentity), the profile files, container credentials, EC2
     * instance metadata (IMDSv2). Temporary credentials are refreshed before they expire. Not with
     * accessKey/secretKey or credentialsProvider.
     */
    private Boolean useDefaultCredentialsProvider;
    /**
     * Use the CamelContext's global SSL context parameters for endpoints that set no
     * sslContextParameters (and do not trust all certificates).
     */
    private Boolean useGlobalSslContextParameters;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public dev.s3legacy.client.CallingFormat getCallingFormat() {
        return callingFormat;
    }

    public void setCallingFormat(dev.s3legacy.client.CallingFormat callingFormat) {
        this.callingFormat = callingFormat;
    }

    public dev.s3legacy.S3LegacyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(dev.s3legacy.S3LegacyConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public Integer getMaxKeys() {
        return maxKeys;
    }

    public void setMaxKeys(Integer maxKeys) {
        this.maxKeys = maxKeys;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getAntExclude() {
        return antExclude;
    }

    public void setAntExclude(String antExclude) {
        this.antExclude = antExclude;
    }

    public String getAntInclude() {
        return antInclude;
    }

    public void setAntInclude(String antInclude) {
        this.antInclude = antInclude;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String> getCheckpointRepository() {
        return checkpointRepository;
    }

    public void setCheckpointRepository(org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String> checkpointRepository) {
        this.checkpointRepository = checkpointRepository;
    }

    public Boolean getDeleteAfterRead() {
        return deleteAfterRead;
    }

    public void setDeleteAfterRead(Boolean deleteAfterRead) {
        this.deleteAfterRead = deleteAfterRead;
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

    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public java.util.function.Predicate<dev.s3legacy.client.model.ListEntry> getFilter() {
        return filter;
    }

    public void setFilter(java.util.function.Predicate<dev.s3legacy.client.model.ListEntry> filter) {
        this.filter = filter;
    }

    public Integer getFullWalkEvery() {
        return fullWalkEvery;
    }

    public void setFullWalkEvery(Integer fullWalkEvery) {
        this.fullWalkEvery = fullWalkEvery;
    }

    public org.apache.camel.spi.IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getInclude() {
        return include;
    }

    public void setInclude(String include) {
        this.include = include;
    }

    public Boolean getIncludeBody() {
        return includeBody;
    }

    public void setIncludeBody(Boolean includeBody) {
        this.includeBody = includeBody;
    }

    public Boolean getIncludeFolders() {
        return includeFolders;
    }

    public void setIncludeFolders(Boolean includeFolders) {
        this.includeFolders = includeFolders;
    }

    public org.apache.camel.spi.IdempotentRepository getInProgressRepository() {
        return inProgressRepository;
    }

    public void setInProgressRepository(org.apache.camel.spi.IdempotentRepository inProgressRepository) {
        this.inProgressRepository = inProgressRepository;
    }

    public Integer getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    public String getMinAge() {
        return minAge;
    }

    public void setMinAge(String minAge) {
        this.minAge = minAge;
    }

    public Boolean getMoveAfterRead() {
        return moveAfterRead;
    }

    public void setMoveAfterRead(Boolean moveAfterRead) {
        this.moveAfterRead = moveAfterRead;
    }

    public String getMoveFailed() {
        return moveFailed;
    }

    public void setMoveFailed(String moveFailed) {
        this.moveFailed = moveFailed;
    }

    public String getCannedAcl() {
        return cannedAcl;
    }

    public void setCannedAcl(String cannedAcl) {
        this.cannedAcl = cannedAcl;
    }

    public Long getExpiresIn() {
        return expiresIn;
    }

    public void setExpiresIn(Long expiresIn) {
        this.expiresIn = expiresIn;
    }

    public String getKeyName() {
        return keyName;
    }

    public void setKeyName(String keyName) {
        this.keyName = keyName;
    }

    public String getKmsKeyId() {
        return kmsKeyId;
    }

    public void setKmsKeyId(String kmsKeyId) {
        this.kmsKeyId = kmsKeyId;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getMarker() {
        return marker;
    }

    public void setMarker(String marker) {
        this.marker = marker;
    }

    public Integer getMultipartConcurrency() {
        return multipartConcurrency;
    }

    public void setMultipartConcurrency(Integer multipartConcurrency) {
        this.multipartConcurrency = multipartConcurrency;
    }

    public Long getMultipartThreshold() {
        return multipartThreshold;
    }

    public void setMultipartThreshold(Long multipartThreshold) {
        this.multipartThreshold = multipartThreshold;
    }

    public dev.s3legacy.S3LegacyOperations getOperation() {
        return operation;
    }

    public void setOperation(dev.s3legacy.S3LegacyOperations operation) {
        this.operation = operation;
    }

    public Long getPartSize() {
        return partSize;
    }

    public void setPartSize(Long partSize) {
        this.partSize = partSize;
    }

    public Boolean getPresign() {
        return presign;
    }

    public void setPresign(Boolean presign) {
        this.presign = presign;
    }

    public String getServerSideEncryption() {
        return serverSideEncryption;
    }

    public void setServerSideEncryption(String serverSideEncryption) {
        this.serverSideEncryption = serverSideEncryption;
    }

    public String getStorageClass() {
        return storageClass;
    }

    public void setStorageClass(String storageClass) {
        this.storageClass = storageClass;
    }

    public Boolean getThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(Boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public String getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getDownloadConcurrency() {
        return downloadConcurrency;
    }

    public void setDownloadConcurrency(Integer downloadConcurrency) {
        this.downloadConcurrency = downloadConcurrency;
    }

    public Long getDownloadPartSize() {
        return downloadPartSize;
    }

    public void setDownloadPartSize(Long downloadPartSize) {
        this.downloadPartSize = downloadPartSize;
    }

    public Boolean getFollowRedirects() {
        return followRedirects;
    }

    public void setFollowRedirects(Boolean followRedirects) {
        this.followRedirects = followRedirects;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public String getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(String readTimeout) {
        this.readTimeout = readTimeout;
    }

    public String getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(String requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getSpoolDirectory() {
        return spoolDirectory;
    }

    public void setSpoolDirectory(String spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    public Boolean getSpoolDownloads() {
        return spoolDownloads;
    }

    public void setSpoolDownloads(Boolean spoolDownloads) {
        this.spoolDownloads = spoolDownloads;
    }

    public Boolean getBlockingTransport() {
        return blockingTransport;
    }

    public void setBlockingTransport(Boolean blockingTransport) {
        this.blockingTransport = blockingTransport;
    }

    public String getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(String progressInterval) {
        this.progressInterval = progressInterval;
    }

    public dev.s3legacy.client.ProgressListener getProgressListener() {
        return progressListener;
    }

    public void setProgressListener(dev.s3legacy.client.ProgressListener progressListener) {
        this.progressListener = progressListener;
    }

    public Long getSpoolThreshold() {
        return spoolThreshold;
    }

    public void setSpoolThreshold(Long spoolThreshold) {
        this.spoolThreshold = spoolThreshold;
    }

    public Boolean getVerifyDownloads() {
        return verifyDownloads;
    }

    public void setVerifyDownloads(Boolean verifyDownloads) {
        this.verifyDownloads = verifyDownloads;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getHealthCheckProducerInterval() {
        return healthCheckProducerInterval;
    }

    public void setHealthCheckProducerInterval(String healthCheckProducerInterval) {
        this.healthCheckProducerInterval = healthCheckProducerInterval;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
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

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public dev.s3legacy.client.credentials.CredentialsProvider getCredentialsProvider() {
        return credentialsProvider;
    }

    public void setCredentialsProvider(dev.s3legacy.client.credentials.CredentialsProvider credentialsProvider) {
        this.credentialsProvider = credentialsProvider;
    }

    public String getCustomerKey() {
        return customerKey;
    }

    public void setCustomerKey(String customerKey) {
        this.customerKey = customerKey;
    }

    public String getProfileName() {
        return profileName;
    }

    public void setProfileName(String profileName) {
        this.profileName = profileName;
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

    public dev.s3legacy.client.SignatureVersion getSignatureVersion() {
        return signatureVersion;
    }

    public void setSignatureVersion(dev.s3legacy.client.SignatureVersion signatureVersion) {
        this.signatureVersion = signatureVersion;
    }

    public org.apache.camel.support.jsse.SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Boolean getTrustAllCertificates() {
        return trustAllCertificates;
    }

    public void setTrustAllCertificates(Boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }

    public Boolean getUseDefaultCredentialsProvider() {
        return useDefaultCredentialsProvider;
    }

    public void setUseDefaultCredentialsProvider(Boolean useDefaultCredentialsProvider) {
        this.useDefaultCredentialsProvider = useDefaultCredentialsProvider;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
