package dev.s3legacy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;

import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a bucket and delivers each new object once. A poll lists every page (costing only the
 * listing requests when nothing is new), picks objects that are neither remembered (by key and ETag,
 * so a rewritten object counts as new) nor still in flight, and fetches each body only when its
 * exchange is about to be processed. Only an exchange that completed successfully remembers, deletes
 * or moves its object; a failed one (or one whose object could not be fetched) leaves it for a later
 * poll. An object deleted or moved after success is not remembered: the same data uploaded again under
 * its key is a new object. The repository and the in-flight set belong to the endpoint, so a route
 * restart neither repeats what completed nor emits what is still in flight.
 */
public class S3LegacyConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(S3LegacyConsumer.class);

    /** Objects whose exchange has not completed yet, so a later poll does not emit them again (kept by the endpoint). */
    private Set<String> inFlight;
    private IdempotentRepository repository;
    /** Where the next poll starts listing when the previous one stopped at maxMessagesPerPoll. */
    private volatile String resumeMarker;

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
        inFlight = getEndpoint().inFlight();
        ServiceHelper.startService(repository);
        super.doStart();
    }

    /** What is remembered of a delivered object: its ETag and key (an ETag never holds a space). */
    static String idOf(ListEntry entry) {
        return idOf(entry.getETag(), entry.getKey());
    }

    static String idOf(String eTag, String key) {
        return eTag + " " + key;
    }

    @Override
    protected int poll() throws Exception {
        List<ListEntry> picked = pickNewObjects();
        Queue<Object> exchanges = new ArrayDeque<>(picked.size());
        exchanges.addAll(picked);
        return processBatch(exchanges);
    }

    /** Walks the listing from where the last capped poll stopped, collecting up to maxMessagesPerPoll new objects. */
    private List<ListEntry> pickNewObjects() {
        S3Connection s3 = getEndpoint().getConnection();
        S3LegacyConfiguration c = config();
        int limit = maxMessagesPerPoll > 0 ? maxMessagesPerPoll : Integer.MAX_VALUE;
        List<ListEntry> picked = new ArrayList<>();
        String marker = resumeMarker;
        while (true) {
            ListBucketResponse page = s3.listBucket(c.getBucketName(), c.getPrefix(), marker, c.getMaxKeys(), c.getDelimiter());
            for (ListEntry entry : page.getEntries()) {
                if (!c.isIncludeFolders() && entry.getKey().endsWith("/")) {
                    continue;
                }
                String id = idOf(entry);
                if (inFlight.contains(id) || repository.contains(id)) {
                    continue;
                }
                picked.add(entry);
                if (picked.size() >= limit) {
                    // Continue after this key next time; keys before it come round again once a walk ends.
                    resumeMarker = entry.getKey();
                    return picked;
                }
            }
            if (!page.isTruncated() || page.getNextMarker() == null) {
                resumeMarker = null;
                return picked;
            }
            marker = page.getNextMarker();
        }
    }

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
            Exchange exchange = createExchange(entry);
            exchange.setProperty(Exchange.BATCH_INDEX, index);
            exchange.setProperty(Exchange.BATCH_SIZE, total);
            exchange.setProperty(Exchange.BATCH_COMPLETE, index == total - 1);
            index++;
            String id = idOf(entry);
            inFlight.add(id);
            boolean fetched;
            try {
                fetched = fetch(exchange, entry);
            } catch (Exception e) {
                // Not processed, so no completion will run: forget it is in flight, a later poll tries again.
                inFlight.remove(id);
                getExceptionHandler().handleException("Cannot fetch object " + entry.getKey(), exchange, e);
                releaseExchange(exchange, false);
                continue;
            }
            if (!fetched) {
                // deleted since it was listed: nothing to deliver
                inFlight.remove(id);
                releaseExchange(exchange, false);
                continue;
            }
            // What was fetched may be a newer version than what was listed (rewritten in between): remember that too.
            String fetchedETag = exchange.getMessage().getHeader(S3LegacyConstants.E_TAG, String.class);
            String fetchedId = fetchedETag == null || fetchedETag.equals(entry.getETag()) ? null : idOf(fetchedETag, entry.getKey());
            exchange.getExchangeExtension().addOnCompletion(new Completion(entry, id, fetchedId));
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

    private Exchange createExchange(ListEntry entry) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        m.setHeader(S3LegacyConstants.BUCKET_NAME, config().getBucketName());
        m.setHeader(S3LegacyConstants.KEY, entry.getKey());
        m.setHeader(S3LegacyConstants.E_TAG, entry.getETag());
        m.setHeader(S3LegacyConstants.CONTENT_LENGTH, entry.getSize());
        m.setHeader(S3LegacyConstants.LAST_MODIFIED, entry.getLastModified());
        m.setHeader(Exchange.FILE_NAME, entry.getKey());
        return exchange;
    }

    /**
     * Fetches the object just before its exchange is processed: its data (GET) with includeBody, else
     * only its headers (HEAD). Returns false when the object is gone.
     */
    private boolean fetch(Exchange exchange, ListEntry entry) {
        S3Connection s3 = getEndpoint().getConnection();
        String bucket = config().getBucketName();
        S3Response response;
        try {
            response = config().isIncludeBody() ? s3.get(bucket, entry.getKey()) : s3.head(bucket, entry.getKey());
        } catch (S3LegacyException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                response.close();
            }
        });
        Message m = exchange.getMessage();
        S3LegacyProducer.objectHeaders(m, response);
        m.setHeader(S3LegacyConstants.CONTENT_LENGTH, entry.getSize());
        m.setBody(config().isIncludeBody() ? new S3LegacyBody(response.body()) : null);
        return true;
    }

    /**
     * After the exchange: on success delete or move, and remember the object unless it has left the bucket
     * (remembering a deleted object would hide the same data uploaded again under its key: same ETag);
     * on failure only forget that it was in flight.
     */
    private final class Completion extends SynchronizationAdapter {
        private final ListEntry entry;
        private final String id;
        private final String fetchedId;

        Completion(ListEntry entry, String id, String fetchedId) {
            this.entry = entry;
            this.id = id;
            this.fetchedId = fetchedId;
        }

        @Override
        public void onComplete(Exchange exchange) {
            try {
                if (!afterRead(entry.getKey())) {
                    remember(id);
                    if (fetchedId != null) {
                        remember(fetchedId);
                    }
                }
            } finally {
                inFlight.remove(id);
            }
        }

        private void remember(String key) {
            repository.add(key);
            repository.confirm(key);
        }

        @Override
        public void onFailure(Exchange exchange) {
            inFlight.remove(id);
            LOG.debug("Exchange for {} failed; the object stays and a later poll delivers it again", entry.getKey());
        }
    }

    /** Deletes or moves a processed object as configured; true when it is no longer in the source bucket. */
    private boolean afterRead(String key) {
        S3LegacyConfiguration c = config();
        S3Connection s3 = getEndpoint().getConnection();
        try {
            if (c.isMoveAfterRead()) {
                String target = (c.getDestinationPrefix() == null ? "" : c.getDestinationPrefix()) + key;
                s3.copy(c.getBucketName(), key, c.getDestinationBucket(), target, null);
                s3.delete(c.getBucketName(), key); // only once the copy is safely there
                return true;
            } else if (c.isDeleteAfterRead()) {
                s3.delete(c.getBucketName(), key);
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            // Processed and remembered: it will not be delivered again, but it is still in the bucket.
            LOG.warn("Object {} was processed, but {} failed: {}", key, c.isMoveAfterRead() ? "moving it" : "deleting it",
                    e.getMessage());
            return false;
        }
    }

    /** Objects picked by this consumer whose exchange has not completed. */
    public int getInFlightCount() {
        return inFlight.size();
    }
}
