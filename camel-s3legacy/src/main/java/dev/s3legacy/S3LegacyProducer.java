package dev.s3legacy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.s3legacy.client.QueryStringAuthGenerator;
import dev.s3legacy.client.S3LegacyException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Performs one operation per exchange, as {@link S3LegacyOperations} defines it: pre-signs it or sends it,
 * then puts its result or failure onto the message. Requests go out through the HTTP client's asynchronous
 * API and the exchange continues from its completion, so no route thread waits on the network.
 */
public class S3LegacyProducer extends DefaultAsyncProducer {

    /** This producer's readiness check while it runs (null without camel-health). */
    private S3LegacyProducerHealthCheck healthCheck;

    public S3LegacyProducer(S3LegacyEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        healthCheck = S3LegacyProducerHealthCheck.register(getEndpoint());
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheck.unregister();
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public S3LegacyEndpoint getEndpoint() {
        return (S3LegacyEndpoint) super.getEndpoint();
    }

    private S3LegacyConfiguration config() {
        return getEndpoint().getConfiguration();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        OperationBinding<?, ?> binding;
        CompletableFuture<?> outcome;
        String bucket;
        try {
            S3LegacyOperations operation = operation(exchange);
            binding = operation.binding();
            OperationInput in = new OperationInput(exchange, getEndpoint());
            bucket = operation == S3LegacyOperations.listAllMyBuckets ? null : in.bucket();
            if (config().isPresign()) {
                presign(in, binding);
                OperationResults.addressed(exchange, bucket);
                callback.done(true);
                return true;
            }
            outcome = binding.send(in, getEndpoint().getConnection());
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        outcome.whenComplete((ignored, error) -> {
            try {
                if (error != null) {
                    onFailure(exchange, binding, unwrap(error));
                }
                if (exchange.getException() == null) {
                    OperationResults.addressed(exchange, bucket);
                }
            } catch (Throwable t) {
                exchange.setException(t);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    private S3LegacyOperations operation(Exchange exchange) {
        Object header = exchange.getMessage().getHeader(S3LegacyConstants.OPERATION);
        if (header == null) {
            return config().getOperation();
        }
        if (header instanceof S3LegacyOperations op) {
            return op;
        }
        try {
            return S3LegacyOperations.valueOf(header.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown operation '" + header + "' in header " + S3LegacyConstants.OPERATION
                    + "; expected one of " + List.of(S3LegacyOperations.values()));
        }
    }

    private void presign(OperationInput in, OperationBinding<?, ?> binding) {
        Message message = in.message();
        long seconds = message.getHeader(S3LegacyConstants.EXPIRES_IN, config().getExpiresIn(), Long.class);
        QueryStringAuthGenerator generator = getEndpoint().getGenerator().withExpiresIn(Duration.ofSeconds(seconds));
        String url = generator.presign(binding.request(in));
        message.setHeader(S3LegacyConstants.PRESIGNED_URL, url);
        message.setBody(url);
    }

    private void onFailure(Exchange exchange, OperationBinding<?, ?> binding, Throwable error) {
        if (error instanceof S3LegacyException s3) {
            if (binding.bindFailure(exchange, s3)) {
                return;
            }
            if (!config().isThrowExceptionOnFailure()) {
                Message message = exchange.getMessage();
                message.setHeader(S3LegacyConstants.STATUS_CODE, s3.getStatusCode());
                message.setHeader(S3LegacyConstants.ERROR_CODE, s3.getErrorCode());
                message.setHeader(S3LegacyConstants.REQUEST_ID, s3.getRequestId());
                message.setBody(s3.getErrorDocument());
                return;
            }
        }
        exchange.setException(error);
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
