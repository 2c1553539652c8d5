package dev.s3legacy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.s3legacy.client.MultipartCopier;
import dev.s3legacy.client.ObjectWriteOptions;
import dev.s3legacy.client.QueryStringAuthGenerator;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes objects of one bucket on Amazon S3 or an S3-compatible store, over the plain REST
 * API with its own V2/V4 signing.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "s3legacy", title = "S3 (signed REST V2/V4)", syntax = "s3legacy:bucketName",
             category = { Category.CLOUD, Category.FILE }, headersClass = S3LegacyConstants.class)
@ManagedResource(description = "Managed s3legacy endpoint")
public class S3LegacyEndpoint extends ScheduledPollEndpoint implements AsyncEndpoint, EndpointServiceLocation {

    private static final Logger LOG = LoggerFactory.getLogger(S3LegacyEndpoint.class);

    @UriParam
    private S3LegacyConfiguration configuration;

    @UriParam(label = "consumer", defaultValue = "0",
              description = "Most objects one poll delivers (0: no limit); the next poll continues where it stopped.")
    private int maxMessagesPerPoll;

    private S3Connection connection;
    /** Made from the options when the endpoint starts. */
    private volatile ObjectWriteOptions writeOptions = ObjectWriteOptions.NONE;
    private volatile SimpleOption keyName;
    private volatile SimpleOption destinationPrefix;

    /*
     * Consumer state that must outlive one consumer: a route stop/start creates a new consumer, which must
     * neither deliver again what completed (default repository) nor emit what is still in flight (an exchange
     * handed off to another route may complete after the restart).
     */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private IdempotentRepository defaultRepository;
    private final ConsumerStatistics statistics = new ConsumerStatistics();
    /** Selection and poison objects: made from the options when the first consumer is created (see createConsumer). */
    private volatile ObjectSelection selection = ObjectSelection.ALL;
    private volatile DeliveryAttempts deliveryAttempts;
    /** Logs and reports this endpoint's long transfers; made when the endpoint starts (progress off until then). */
    private volatile TransferWatcher transfers = new TransferWatcher(null, 0, null);
    /** Copies and deletes the consumer's objects; made when the endpoint starts. */
    private volatile ObjectMover mover;
    /** Objects above this go by multipart copy: CopyObject's limit; tests lower it. */
    private long copyLimit = ObjectMover.COPY_OBJECT_LIMIT;

    public S3LegacyEndpoint(String uri, S3LegacyComponent component, S3LegacyConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new S3LegacyProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        requireMoveOutsidePolledArea();
        selection = ObjectSelection.of(configuration);
        synchronized (this) {
            if (deliveryAttempts == null) { // kept across consumers: a route restart does not reset the counts
                deliveryAttempts = DeliveryAttempts.of(configuration);
                requireMoveFailedOutsidePolledArea(deliveryAttempts.target());
            }
        }
        S3LegacyConsumer consumer = new S3LegacyConsumer(this, processor);
        configureConsumer(consumer);
        consumer.setMaxMessagesPerPoll(maxMessagesPerPoll);
        return consumer;
    }

    @Override
    protected synchronized void doStart() throws Exception {
        super.doStart();
        if (connection == null) {
            S3LegacyComponent component = (S3LegacyComponent) getComponent();
            S3ClientConfig config = configuration.toClientConfig(component.workers()).toBuilder()
                    .sslContext(component.sslContext(configuration.getSslContextParameters()))
                    .executor(component.workers()).scheduler(component.timer()).build();
            component.sweepStaleSpoolFiles(config.spoolDirectory());
            if (config.trustAllCertificates()) {
                LOG.warn("Endpoint {} trusts every server certificate and skips the host name check (trustAllCertificates=true):"
                        + " for development only, never in production", getEndpointBaseUri());
            }
            connection = new S3Connection(config, component.transports().acquire(config.transportSettings(), component.workers()));
        }
        writeOptions = configuration.toWriteOptions();
        transfers = new TransferWatcher(((S3LegacyComponent) getComponent()).timer(), configuration.getProgressInterval(),
                configuration.getProgressListener());
        keyName = SimpleOption.of(getCamelContext(), "keyName", configuration.getKeyName());
        destinationPrefix = SimpleOption.of(getCamelContext(), "destinationPrefix", configuration.getDestinationPrefix());
        mover = new ObjectMover(this, new MultipartCopier(connection, configuration.getPartSize(),
                configuration.getMultipartConcurrency()).withOptions(writeOptions), copyLimit);
    }

    @Override
    protected synchronized void doStop() throws Exception {
        transfers.stop();
        if (connection != null) {
            connection.close();
            ((S3LegacyComponent) getComponent()).transports().release(connection.transport());
            connection = null;
        }
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        ServiceHelper.stopAndShutdownService(defaultRepository);
        super.doShutdown();
    }

    /**
     * moveAfterRead must write outside what the consumer polls: a copy it would list again is delivered and
     * moved again, for ever. The copy of a polled key {@code prefix + rest} is {@code destinationPrefix + prefix
     * + rest}; it is polled when that starts with {@code prefix} and (with a delimiter) nothing after the
     * prefix holds the delimiter. A destinationPrefix that is an expression is checked on its literal part
     * before the first {@code ${} (what the expression adds is unknown until an exchange exists); each
     * evaluated target is checked again before its move ({@link #isPolled}).
     */
    void requireMoveOutsidePolledArea() {
        S3LegacyConfiguration c = configuration;
        if (!c.isMoveAfterRead() || !movesWithinPolledBucket()) {
            return;
        }
        String prefix = c.getPrefix() == null ? "" : c.getPrefix();
        String destinationPrefix = SimpleOption.literalPrefix(c.getDestinationPrefix());
        String polled = prefix.isEmpty() ? "the whole bucket (no prefix)" : "prefix '" + prefix + "'";
        if (isPolled(destinationPrefix + prefix)) {
            throw new IllegalArgumentException("moveAfterRead would move objects into what this consumer polls: destinationBucket"
                    + " is the polled bucket '" + c.getBucketName() + "' and destinationPrefix '" + destinationPrefix
                    + "'" + (SimpleOption.isExpression(c.getDestinationPrefix()) ? " (the literal part before the first ${ of '"
                    + c.getDestinationPrefix() + "')" : "") + " followed by the key lies under " + polled
                    + ", so each moved copy would be delivered and moved again. Set destinationBucket to another bucket, or a"
                    + " destinationPrefix outside the polled prefix (for example prefix=inbox/ with destinationPrefix=archive/).");
        }
    }

    /** moveFailed must write outside what the consumer polls: a moved copy would be a new object, delivered again. */
    private void requireMoveFailedOutsidePolledArea(DeliveryAttempts.MoveTarget target) {
        if (target != null && target.bucket().equals(configuration.getBucketName())) {
            String prefix = configuration.getPrefix() == null ? "" : configuration.getPrefix();
            if (isPolled(target.prefix() + prefix)) {
                throw new IllegalArgumentException("Option moveFailed '" + configuration.getMoveFailed() + "' moves failed objects"
                        + " into what this consumer polls (" + (prefix.isEmpty() ? "the whole bucket" : "prefix '" + prefix + "'")
                        + " of bucket '" + configuration.getBucketName() + "'), where they would be delivered again: use a prefix"
                        + " outside it (failed/ with prefix=inbox/) or another bucket (bucket:prefix)");
            }
        }
    }

    /** Whether moveAfterRead copies into the bucket it polls. */
    boolean movesWithinPolledBucket() {
        String destination = configuration.getDestinationBucket();
        return destination == null || destination.equals(configuration.getBucketName());
    }

    /** Whether the consumer's listing (prefix, delimiter) would list this key of its bucket. */
    boolean isPolled(String key) {
        String prefix = configuration.getPrefix() == null ? "" : configuration.getPrefix();
        String delimiter = configuration.getDelimiter();
        return key.startsWith(prefix)
                && (delimiter == null || delimiter.isEmpty() || !key.substring(prefix.length()).contains(delimiter));
    }

    /** Encryption and storage class from the options (the message's headers may override per message). */
    ObjectWriteOptions writeOptions() {
        return writeOptions;
    }

    /** keyName for this exchange (evaluated when an expression), or null when unset. */
    String keyName(Exchange exchange) {
        SimpleOption k = keyName;
        return k == null ? null : k.evaluate(exchange);
    }

    /** destinationPrefix for this exchange (evaluated when an expression), or "" when unset. */
    String destinationPrefix(Exchange exchange) {
        SimpleOption p = destinationPrefix;
        return p == null ? "" : p.evaluate(exchange);
    }

    /** Which listed objects the consumer delivers. */
    ObjectSelection selection() {
        return selection;
    }

    /** Failed deliveries per object version, and what happens to a poison object. */
    DeliveryAttempts deliveryAttempts() {
        return deliveryAttempts;
    }

    ObjectMover mover() {
        return mover;
    }

    /** This endpoint's transfers as they run (see progressInterval). */
    TransferWatcher transfers() {
        return transfers;
    }

    /** For tests: objects above this many bytes are moved by multipart copy (default CopyObject's 5 GiB); before start. */
    void copyLimit(long bytes) {
        this.copyLimit = bytes;
    }

    /** Most ids the default in-memory repository keeps (least recently used forgotten first): a backstop only. */
    static final int DEFAULT_REPOSITORY_SIZE = 1_000_000;

    /**
     * The consumer's idempotent repository: the configured one, else an in-memory one that lives as long as this
     * endpoint. The consumer keeps the default one to one id per object in the bucket (it forgets, after each
     * walk of the whole listing, ids the walk did not meet); its LRU bound is a backstop for when no walk
     * completes, set high because an object forgotten while still in the bucket is delivered again.
     */
    synchronized IdempotentRepository idempotentRepository() {
        if (configuration.getIdempotentRepository() != null) {
            return configuration.getIdempotentRepository();
        }
        if (defaultRepository == null) {
            defaultRepository = MemoryIdempotentRepository.memoryIdempotentRepository(DEFAULT_REPOSITORY_SIZE);
        }
        return defaultRepository;
    }

    /** Ids of objects whose consumer exchange has not completed yet. */
    Set<String> inFlight() {
        return inFlight;
    }

    /**
     * The endpoint's signed connection, made when the endpoint starts and closed when it stops; never
     * made again by a late call after the stop (that fails, and the caller keeps its object).
     */
    public synchronized S3Connection getConnection() {
        if (connection == null) {
            throw new IllegalStateException("Endpoint " + getEndpointBaseUri() + " is not started: no S3 connection");
        }
        return connection;
    }

    public QueryStringAuthGenerator getGenerator() {
        return new QueryStringAuthGenerator(getConnection());
    }

    public S3ClientConfig getClientConfig() {
        return configuration.toClientConfig();
    }

    public S3LegacyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(S3LegacyConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Camel masks URI options by a fixed list of names, which has no customerKey: mask it here too. */
    private static final java.util.regex.Pattern CUSTOMER_KEY = java.util.regex.Pattern.compile("(?i)(customerKey=)(RAW\\([^)]*\\)|[^&\\s\\]]*)");

    @Override
    public String toString() {
        return CUSTOMER_KEY.matcher(super.toString()).replaceAll("$1xxxxxx");
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    // ---- service location, dev console and JMX (issue 14)

    /** The consumer figures of this endpoint (zero for an endpoint only used to send). */
    public ConsumerStatistics statistics() {
        return statistics;
    }

    @Override
    @ManagedAttribute(description = "The store's base URL")
    public String getServiceUrl() {
        return configuration.getEndpoint();
    }

    @Override
    @ManagedAttribute(description = "http or https")
    public String getServiceProtocol() {
        return URI.create(configuration.getEndpoint()).getScheme();
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("bucket", configuration.getBucketName());
        metadata.put("region", configuration.getRegion());
        return metadata;
    }

    @ManagedAttribute(description = "The bucket")
    public String getBucket() {
        return configuration.getBucketName();
    }

    @ManagedAttribute(description = "The listing prefix, empty for the whole bucket")
    public String getListingPrefix() {
        return text(configuration.getPrefix());
    }

    @ManagedAttribute(description = "V4 or V2")
    public String getSigningVersion() {
        return String.valueOf(configuration.getSignatureVersion());
    }

    @ManagedAttribute(description = "SUBDOMAIN, PATH or VANITY, as configured")
    public String getAddressing() {
        return String.valueOf(configuration.getCallingFormat());
    }

    @ManagedAttribute(description = "Objects delivered whose exchange has not completed yet")
    public int getObjectsInFlight() {
        return inFlight.size();
    }

    @ManagedAttribute(description = "Objects handed to the route")
    public long getDeliveredCount() {
        return statistics.getDeliveredCount();
    }

    @ManagedAttribute(description = "Exchanges that failed (their objects are delivered again)")
    public long getFailedCount() {
        return statistics.getFailedCount();
    }

    @ManagedAttribute(description = "Start of the last listing request (ISO-8601), empty before the first")
    public String getLastListingTime() {
        return text(statistics.getLastListingTime());
    }

    @ManagedAttribute(description = "Duration of the last listing request in milliseconds, -1 before the first")
    public long getLastListingDurationMillis() {
        return statistics.getLastListingMillis();
    }

    @ManagedAttribute(description = "The last failed poll or fetch, empty when none failed")
    public String getLastErrorMessage() {
        return text(statistics.getLastError());
    }

    @ManagedAttribute(description = "Uploads, downloads and multipart copies of this endpoint running now (0 with progressInterval=0)")
    public int getTransfersInProgress() {
        return transfers.inProgress().size();
    }

    @ManagedAttribute(description = "One line per transfer running now: key, bytes done of the total, rate, estimated time left")
    public String[] getTransferProgress() {
        return transfers.inProgress().stream().map(Object::toString).toArray(String[]::new);
    }

    /** JMX shows no null: an absent value is empty text. */
    static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
