package dev.s3legacy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import dev.s3legacy.client.ListingProgress;
import dev.s3legacy.client.ObjectWriteOptions;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Requests;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.TransferProgress;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a bucket and delivers each new object once. A poll walks the listing page by page: it lists a page,
 * processes that page's new objects (neither remembered, by key and ETag so a rewritten object counts as new,
 * nor still in flight), then lists the next page, so memory does not grow with the bucket. Each body is
 * fetched only when its exchange is about to be processed. Only an exchange that completed successfully
 * remembers, deletes or moves its object, and deletes or moves only the version it delivered; a failed one
 * (or one whose object could not be fetched) leaves it for a later poll. An object deleted or moved after
 * success is not remembered: the same data uploaded again under its key is a new object. The repository and
 * the in-flight set belong to the endpoint, so a route restart neither repeats what completed nor emits
 * what is still in flight.
 */
@ManagedResource(description = "Managed s3legacy consumer")
public class S3LegacyConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(S3LegacyConsumer.class);

    /** Objects this node (and, with an inProgressRepository, any node) is processing; the local set is the endpoint's. */
    private Claims claims;
    private IdempotentRepository repository;
    /** Where the next poll starts listing when the previous one stopped at maxMessagesPerPoll. */
    private volatile String resumeMarker;
    private ListingCheckpoint checkpoint;
    /**
     * Marks the ids met by the running poll when it walks the whole listing and the repository is the default
     * one: what the repository holds beyond them has left the bucket (or was rewritten) and is forgotten after the
     * walk. Only touched by the polling thread.
     */
    private WalkMarks walked;
    /** Exchange property: the delivered version's size, which decides how a move copies it (see ObjectMover). */
    static final String OBJECT_SIZE = "CamelS3LegacyObjectSize";

    public S3LegacyConsumer(S3LegacyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public S3LegacyEndpoint getEndpoint() {
        return (S3LegacyEndpoint) super.getEndpoint();
    }

    private S3LegacyConfiguration config() {
        return getEndpoint().getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        // Both live on the endpoint: a route restart creates a new consumer, which must not deliver again what
        // completed (the default in-memory repository would be new and empty) nor what is still in flight.
        // The repository is not stopped here: stopping a MemoryIdempotentRepository clears it.
        repository = getEndpoint().idempotentRepository();
        S3LegacyConfiguration c = config();
        claims = new Claims(getEndpoint().inFlight(), c.getInProgressRepository());
        checkpoint = new ListingCheckpoint(c.getCheckpointRepository(), c.getBucketName(), c.getPrefix(), c.getFullWalkEvery());
        ServiceHelper.startService(repository);
        ServiceHelper.startService(c.getInProgressRepository());
        ServiceHelper.startService(c.getCheckpointRepository());
        super.doStart();
    }

    /** What is remembered of a delivered object: its ETag and key (an ETag never holds a space). */
    static String idOf(ListEntry entry) {
        return idOf(entry.getETag(), entry.getKey());
    }

    static String idOf(String eTag, String key) {
        return eTag + " " + key;
    }

    /**
     * Walks the listing from where the last capped poll stopped (or the checkpoint), page by page, processing each page's new
     * objects (at most maxMessagesPerPoll in all) before listing the next page. Returns how many it processed.
     */
    @Override
    protected int poll() throws Exception {
        S3Connection s3 = getEndpoint().getConnection();
        S3LegacyConfiguration c = config();
        int limit = maxMessagesPerPoll > 0 ? maxMessagesPerPoll : Integer.MAX_VALUE;
        String marker = checkpoint.start(resumeMarker);
        // only a walk from the start can tell what left the bucket
        walked = marker == null && isDefaultRepository() ? new WalkMarks((MemoryIdempotentRepository) repository) : null;
        int picked = 0;
        int processed = 0;
        try {
            while (true) {
                String from = marker;
                ListBucketResponse page = statistics().listing(() -> s3.listBucket(c.getBucketName(), c.getPrefix(), from, c.getMaxKeys(), c.getDelimiter()));
                List<ListEntry> batch = new ArrayList<>();
                String cutAfter = null;
                for (ListEntry entry : page.getEntries()) {
                    if (!c.isIncludeFolders() && entry.getKey().endsWith("/")) {
                        continue;
                    }
                    String id = idOf(entry);
                    if (walked != null) {
                        walked.met(id);
                    }
                    if (!getEndpoint().selection().accepts(entry) || getEndpoint().deliveryAttempts().isGivenUp(id)) {
                        continue; // not selected, or a poison object given up (see DeliveryAttempts)
                    }
                    if (claims.isHeldHere(id) || repository.contains(id)) {
                        continue;
                    }
                    batch.add(entry);
                    if (++picked >= limit) {
                        // Continue after this key next time; keys before it come round again once a walk ends.
                        cutAfter = entry.getKey();
                        break;
                    }
                }
                processed += processBatch(new ArrayDeque<>(claims.pickOrder(batch)));
                if (cutAfter != null) {
                    resumeMarker = cutAfter;
                    checkpoint.reached(cutAfter);
                    return processed;
                }
                if (!isRunAllowed()) {
                    // Stopping: list no further; the next start walks again from where this poll began.
                    return processed;
                }
                checkpoint.reached(lastKey(page));
                if (!page.isTruncated() || page.getNextMarker() == null) {
                    resumeMarker = null;
                    if (walked != null) {
                        int forgotten = walked.forgetUnmet(claims::isHeldHere);
                        if (forgotten > 0) {
                            LOG.debug("Forgot {} objects no longer in bucket {}", forgotten, c.getBucketName());
                        }
                    }
                    return processed;
                }
                // a store answering the same marker again would make this walk endless
                ListingProgress.requireAdvance(c.getBucketName(), marker, page.getNextMarker());
                marker = page.getNextMarker();
            }
        } catch (RuntimeException e) {
            pollFailed(e);
            throw e;
        } finally {
            walked = null;
        }
    }

    private boolean isDefaultRepository() {
        return config().getIdempotentRepository() == null && repository instanceof MemoryIdempotentRepository;
    }

    private static String lastKey(ListBucketResponse page) {
        List<ListEntry> entries = page.getEntries();
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).getKey();
    }

    /**
     * Processes the new objects of one listing page, one exchange each. A batch is one page's new objects:
     * BATCH_INDEX and BATCH_SIZE count within it, BATCH_COMPLETE marks its last exchange.
     */
    @Override
    public int processBatch(Queue<Object> objects) throws Exception {
        int total = objects.size();
        int index = 0;
        pendingExchanges = total;
        for (Object o : objects) {
            if (!isBatchAllowed()) {
                // Stopping: what was not processed stays unremembered and is delivered after restart.
                break;
            }
            ListEntry entry = (ListEntry) o;
            pendingExchanges = total - index - 1;
            String id = idOf(entry);
            if (!claim(id)) {
                index++;
                continue;
            }
            Exchange exchange = createExchange(entry);
            exchange.setProperty(Exchange.BATCH_INDEX, index);
            exchange.setProperty(Exchange.BATCH_SIZE, total);
            exchange.setProperty(Exchange.BATCH_COMPLETE, index == total - 1);
            index++;
            boolean fetched;
            try {
                fetched = fetch(exchange, entry);
            } catch (Exception e) {
                // Not processed, so no completion will run: give it up, a later poll tries again.
                claims.release(id);
                statistics().error(e);
                getExceptionHandler().handleException("Cannot fetch object " + entry.getKey(), exchange, e);
                releaseExchange(exchange, false);
                continue;
            }
            if (!fetched) {
                // deleted since it was listed: nothing to deliver
                claims.release(id);
                releaseExchange(exchange, false);
                continue;
            }
            // What was fetched may be a newer version than what was listed (rewritten in between): that is the
            // version delivered, remembered too, and the only one a delete or move may act on.
            String fetchedETag = exchange.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class);
            String deliveredETag = fetchedETag == null ? entry.getETag() : fetchedETag;
            String fetchedId = deliveredETag.equals(entry.getETag()) ? null : idOf(deliveredETag, entry.getKey());
            if (fetchedId != null && !claims.claim(fetchedId)) {
                // the newer version is another node's (or this one's) to deliver
                claims.release(id);
                abandon(exchange);
                continue;
            }
            exchange.getExchangeExtension().addOnCompletion(new Completion(entry.getKey(), id, fetchedId, deliveredETag));
            statistics().delivered();
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing object " + entry.getKey(), exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
        pendingExchanges = 0;
        return index;
    }

    /**
     * Claims an object just before it is fetched; with shared claims, checks again that no other node completed
     * it between this poll's listing and the claim (that node remembered it, then released its claim).
     */
    private boolean claim(String id) {
        if (!claims.claim(id)) {
            return false;
        }
        if (claims.isShared() && repository.contains(id)) {
            claims.release(id);
            return false;
        }
        return true;
    }

    /** An exchange fetched but not processed: its completions (closing the response) run as a failure. */
    private void abandon(Exchange exchange) {
        exchange.getExchangeExtension().handoverCompletions().forEach(s -> s.onFailure(exchange));
        releaseExchange(exchange, false);
    }

    private Exchange createExchange(ListEntry entry) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        m.setHeader(S3LegacyConstants.BUCKET_NAME, config().getBucketName());
        m.setHeader(S3LegacyConstants.KEY, entry.getKey());
        m.setHeader(S3LegacyConstants.E_TAG, entry.getETag());
        m.setHeader(S3LegacyConstants.CONTENT_LENGTH, entry.getSize());
        m.setHeader(S3LegacyConstants.LAST_MODIFIED, entry.getLastModified());
        m.setHeader(S3LegacyConstants.STORAGE_CLASS, entry.getStorageClass());
        m.setHeader(Exchange.FILE_NAME, entry.getKey());
        exchange.setProperty(OBJECT_SIZE, entry.getSize());
        return exchange;
    }

    /**
     * Fetches the object just before its exchange is processed: its data (GET) with includeBody, else
     * only its headers (HEAD). Returns false when the object is gone.
     */
    private boolean fetch(Exchange exchange, ListEntry entry) {
        S3Connection s3 = getEndpoint().getConnection();
        String bucket = config().getBucketName();
        ObjectWriteOptions options = getEndpoint().writeOptions();
        S3Response response;
        // a spooled body is fetched whole here: a download watched as it goes (progressInterval)
        TransferWatcher.Watch watch = config().isIncludeBody() && s3.config().spoolDownloads()
                ? getEndpoint().transfers().start(TransferProgress.Direction.DOWNLOAD, bucket, entry.getKey(), entry.getSize()) : null;
        try {
            response = s3.execute(options.applyToRead(config().isIncludeBody()
                    ? S3Requests.get(bucket, entry.getKey()) : S3Requests.head(bucket, entry.getKey()))
                    .progress(watch == null ? null : watch.meter()));
        } catch (RuntimeException e) {
            if (watch != null) {
                watch.end(e);
            }
            if (e instanceof S3LegacyException s3e && s3e.getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
        if (watch != null) {
            watch.end(null, exchange.getMessage());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                response.close();
            }
        });
        if (response.contentLength() >= 0) {
            exchange.setProperty(OBJECT_SIZE, response.contentLength()); // the delivered version's, if rewritten since listed
        }
        Message m = exchange.getMessage();
        OperationResults.objectHeaders(m, response);
        m.setHeader(S3LegacyConstants.CONTENT_LENGTH, entry.getSize());
        if (response.header("x-amz-storage-class") == null) {
            m.setHeader(S3LegacyConstants.STORAGE_CLASS, entry.getStorageClass()); // S3 leaves STANDARD out of GET and HEAD
        }
        m.setBody(config().isIncludeBody() ? OperationResults.body(exchange, response) : null);
        return true;
    }

    /**
     * After the exchange: on success delete or move the delivered version, and remember the object unless it
     * has left the bucket (remembering a deleted object would hide the same data uploaded again under its key:
     * same ETag); on failure only forget that it was in flight.
     */
    private final class Completion extends SynchronizationAdapter {
        private final String key;
        private final String id;
        private final String fetchedId;
        private final String deliveredETag;

        Completion(String key, String id, String fetchedId, String deliveredETag) {
            this.key = key;
            this.id = id;
            this.fetchedId = fetchedId;
            this.deliveredETag = deliveredETag;
        }

        @Override
        public void onComplete(Exchange exchange) {
            getEndpoint().deliveryAttempts().succeeded(idOf(deliveredETag, key));
            try {
                if (!afterRead(exchange, key, deliveredETag)) {
                    remember(id);
                    if (fetchedId != null) {
                        remember(fetchedId);
                    }
                }
            } finally {
                forgetInFlight();
            }
        }

        private void remember(String rememberedId) {
            repository.add(rememberedId);
            repository.confirm(rememberedId);
        }

        @Override
        public void onFailure(Exchange exchange) {
            try {
                // still in flight meanwhile: no poll delivers it again before it is counted (or moved)
                getEndpoint().deliveryAttempts().failed(exchange, getEndpoint().mover(), key, deliveredETag, sizeOf(exchange));
            } finally {
                forgetInFlight();
            }
            statistics().failed();
            LOG.debug("Exchange for {} failed; the object stays and a later poll delivers it again", key);
        }

        private void forgetInFlight() {
            claims.release(id);
            if (fetchedId != null) {
                claims.release(fetchedId);
            }
        }
    }

    /**
     * Deletes or moves a processed object as configured, acting only on the version delivered (its ETag):
     * true when that version is no longer in the source bucket. A newer version written meanwhile stays, and a
     * later poll delivers it.
     */
    private boolean afterRead(Exchange exchange, String key, String eTag) {
        S3LegacyConfiguration c = config();
        if (!c.isMoveAfterRead() && !c.isDeleteAfterRead()) {
            return false;
        }
        String bucket = c.getBucketName();
        try {
            if (c.isMoveAfterRead()) {
                String targetBucket = c.getDestinationBucket() == null ? bucket : c.getDestinationBucket();
                String target = getEndpoint().destinationPrefix(exchange) + key;
                if (getEndpoint().movesWithinPolledBucket() && getEndpoint().isPolled(target)) {
                    // an expression's value, checked now that it is known (the start-up check saw only its literal part)
                    throw new IllegalStateException("destinationPrefix gave '" + target + "', which this consumer polls: not moved");
                }
                if (!getEndpoint().mover().copy(key, eTag, sizeOf(exchange), targetBucket, target, null)) {
                    LOG.info("Object {} was rewritten while its exchange ran: the delivered version is no longer in the store"
                            + " and was not archived; the newer version stays and a later poll delivers it", key);
                    return false;
                }
            }
            // only once the copy is safely there
            if (!getEndpoint().mover().delete(key, eTag)) {
                LOG.info("Object {} was rewritten while its exchange ran: the newer version was not deleted and a later"
                        + " poll delivers it", key);
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            // Processed and remembered: it will not be delivered again, but it is still in the bucket.
            LOG.warn("Object {} was processed, but {} failed: {}", key, c.isMoveAfterRead() ? "moving it" : "deleting it",
                    e.getMessage());
            return false;
        }
    }

    /** Bytes of the delivered version (the listing's size, else the fetch's Content-Length); -1 if unknown. */
    private static long sizeOf(Exchange exchange) {
        Long size = exchange.getProperty(OBJECT_SIZE, Long.class);
        return size == null ? -1 : size;
    }

    /** Objects picked by this consumer whose exchange has not completed. */
    @ManagedAttribute(description = "Objects delivered whose exchange has not completed yet")
    public int getInFlightCount() {
        return getEndpoint().inFlight().size();
    }

    /** Entries of the default in-memory repository; -1 when an idempotentRepository is configured. */
    public int getDefaultRepositorySize() {
        return isDefaultRepository() ? ((MemoryIdempotentRepository) repository).getCacheSize() : -1;
    }

    // ---- health and figures (issue 14): the same figures as the endpoint's, from its ConsumerStatistics

    private ConsumerStatistics statistics() {
        return getEndpoint().statistics();
    }

    /**
     * A failed poll: recorded for the dev console, and its S3 error code, status and request id added to the
     * details that Camel's consumer health check (ScheduledPollConsumerHealthCheck) reports while polls fail.
     */
    private void pollFailed(RuntimeException e) {
        statistics().error(e);
        Map<String, Object> previous = getLastErrorDetails();
        if (previous != null) {
            previous.keySet().removeAll(S3HealthDetails.KEYS);
        }
        S3HealthDetails.of(e).forEach(this::addLastErrorDetail);
    }

    @ManagedAttribute(description = "Objects handed to the route")
    public long getDeliveredCount() {
        return statistics().getDeliveredCount();
    }

    @ManagedAttribute(description = "Exchanges that failed (their objects are delivered again)")
    public long getFailedCount() {
        return statistics().getFailedCount();
    }

    @ManagedAttribute(description = "Start of the last listing request (ISO-8601), empty before the first")
    public String getLastListingTime() {
        return S3LegacyEndpoint.text(statistics().getLastListingTime());
    }

    @ManagedAttribute(description = "Duration of the last listing request in milliseconds, -1 before the first")
    public long getLastListingDurationMillis() {
        return statistics().getLastListingMillis();
    }

    @ManagedAttribute(description = "The last failed poll or fetch, empty when none failed")
    public String getLastErrorMessage() {
        return S3LegacyEndpoint.text(statistics().getLastError());
    }
}
