package dev.s3legacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.s3legacy.client.TransferProgress;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonObject;

/**
 * Camel's developer console for this component ({@code camel get dev-console s3legacy}, the dev console HTTP
 * endpoint, or {@code DevConsoleRegistry}): for each s3legacy endpoint the store, bucket, prefix, signing and
 * calling format, the consumer figures (objects in flight, delivered, failed, last listing and last
 * error) and the transfers running now (key, bytes done of the total, rate, time left).
 * The same figures are JMX attributes of the endpoint. No credential appears: URIs are sanitized.
 */
@DevConsole(name = "s3legacy", displayName = "S3 (signed REST V2/V4)", description = "S3 endpoints: store, bucket and consumer figures")
public class S3LegacyDevConsole extends AbstractDevConsole {

    public S3LegacyDevConsole() {
        super("camel", "s3legacy", "S3 (signed REST V2/V4)", "S3 endpoints: store, bucket and consumer figures");
    }

    private List<S3LegacyEndpoint> endpoints() {
        List<S3LegacyEndpoint> endpoints = new ArrayList<>();
        getCamelContext().getEndpoints().forEach(e -> {
            if (e instanceof S3LegacyEndpoint s3) {
                endpoints.add(s3);
            }
        });
        return endpoints;
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        List<JsonObject> list = new ArrayList<>();
        for (S3LegacyEndpoint e : endpoints()) {
            JsonObject jo = new JsonObject();
            jo.put("uri", URISupport.sanitizeUri(e.getEndpointUri()));
            jo.put("store", e.getServiceUrl());
            jo.put("bucket", e.getBucket());
            jo.put("prefix", e.getListingPrefix());
            jo.put("signatureVersion", e.getSigningVersion());
            jo.put("callingFormat", e.getAddressing());
            jo.put("objectsInFlight", e.getObjectsInFlight());
            jo.put("deliveredCount", e.getDeliveredCount());
            jo.put("failedCount", e.getFailedCount());
            ConsumerStatistics stats = e.statistics();
            if (stats.getLastListingTime() != null) {
                jo.put("lastListingTime", stats.getLastListingTime().toString());
                jo.put("lastListingDurationMillis", stats.getLastListingMillis());
            }
            if (stats.getLastError() != null) {
                jo.put("lastError", stats.getLastError());
                jo.put("lastErrorTime", stats.getLastErrorTime().toString());
            }
            List<JsonObject> transfers = new ArrayList<>();
            for (TransferProgress p : e.transfers().inProgress()) {
                transfers.add(json(p));
            }
            jo.put("transfers", transfers);
            list.add(jo);
        }
        JsonObject root = new JsonObject();
        root.put("endpoints", list);
        return root;
    }

    /** A running transfer's figures, as logged: timeLeftMillis and totalBytes are absent where unknown. */
    private static JsonObject json(TransferProgress p) {
        JsonObject jo = new JsonObject();
        jo.put("bucket", p.bucket());
        jo.put("key", p.key());
        jo.put("direction", p.direction().name());
        jo.put("bytesDone", p.bytesDone());
        if (p.totalBytes() >= 0) {
            jo.put("totalBytes", p.totalBytes());
            jo.put("percent", p.percent());
        }
        jo.put("bytesPerSecond", Math.round(p.bytesPerSecond()));
        if (p.timeLeft() != null) {
            jo.put("timeLeftMillis", p.timeLeft().toMillis());
        }
        jo.put("started", p.started().toString());
        jo.put("elapsedMillis", p.elapsed().toMillis());
        return jo;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (S3LegacyEndpoint e : endpoints()) {
            ConsumerStatistics stats = e.statistics();
            sb.append("    ").append(URISupport.sanitizeUri(e.getEndpointUri())).append('\n');
            sb.append(String.format("        Store: %s (%s, %s)%n", e.getServiceUrl(), e.getSigningVersion(), e.getAddressing()));
            sb.append(String.format("        Bucket: %s   Prefix: %s%n", e.getBucket(), e.getListingPrefix()));
            sb.append(String.format("        In flight: %d   Delivered: %d   Failed: %d%n", e.getObjectsInFlight(),
                    e.getDeliveredCount(), e.getFailedCount()));
            if (stats.getLastListingTime() != null) {
                sb.append(String.format("        Last listing: %s (%d ms)%n", stats.getLastListingTime(), stats.getLastListingMillis()));
            }
            if (stats.getLastError() != null) {
                sb.append(String.format("        Last error: %s at %s%n", stats.getLastError(), stats.getLastErrorTime()));
            }
            for (TransferProgress p : e.transfers().inProgress()) {
                sb.append("        Transfer: ").append(p).append('\n');
            }
        }
        return sb.toString();
    }
}
