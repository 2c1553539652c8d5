package dev.s3legacy;

import java.util.concurrent.CompletableFuture;

import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Request;
import org.apache.camel.Exchange;

/**
 * How one producer operation is carried out: the request built from the message, how it is sent, how
 * its result goes onto the message, and which failures are results. Each {@link S3LegacyOperations}
 * constant holds one, so an operation is written down in that one table.
 *
 * @param <Q> what the request answers
 * @param <T> what the sender completes with (the same as {@code Q} unless the operation has its own sender)
 */
final class OperationBinding<Q, T> {

    /** Builds the operation's request from the message and the endpoint's options; sending and pre-signing share it. */
    @FunctionalInterface
    interface RequestBuilder<Q> {
        S3Request<Q> build(OperationInput in);
    }

    /** Sends the operation; most send their one request, put and deleteObjects have their own ways. */
    @FunctionalInterface
    interface Sender<Q, T> {
        CompletableFuture<T> send(OperationInput in, S3Connection s3, RequestBuilder<Q> request) throws Exception;
    }

    /** Puts a result onto the exchange's message. */
    @FunctionalInterface
    interface ResultBinder<T> {
        void bind(Exchange exchange, T result);
    }

    /** Turns a service error into a result on the message; false leaves it an error. */
    @FunctionalInterface
    interface FailureBinder {
        boolean bind(Exchange exchange, S3LegacyException failure);
    }

    private final RequestBuilder<Q> request;
    private final Sender<Q, T> sender;
    private final ResultBinder<T> result;
    private final FailureBinder failure;

    private OperationBinding(RequestBuilder<Q> request, Sender<Q, T> sender, ResultBinder<T> result, FailureBinder failure) {
        this.request = request;
        this.sender = sender;
        this.result = result;
        this.failure = failure;
    }

    /** An operation sent as its one request, whose answer is bound to the message. */
    static <T> OperationBinding<T, T> of(RequestBuilder<T> request, ResultBinder<T> result) {
        return new OperationBinding<>(request, (in, s3, r) -> s3.executeAsync(r.build(in)), result, (e, f) -> false);
    }

    /** An operation with its own way of sending; pre-signing still uses {@code request}. */
    static <Q, T> OperationBinding<Q, T> of(RequestBuilder<Q> request, Sender<Q, T> sender, ResultBinder<T> result) {
        return new OperationBinding<>(request, sender, result, (e, f) -> false);
    }

    /** The same binding, with failures that are results of this operation (head's 404). */
    OperationBinding<Q, T> failuresBoundBy(FailureBinder failure) {
        return new OperationBinding<>(request, sender, result, failure);
    }

    S3Request<Q> request(OperationInput in) {
        return request.build(in);
    }

    /** Sends the operation; the future completes once the result is on the message. */
    CompletableFuture<Void> send(OperationInput in, S3Connection s3) throws Exception {
        return sender.send(in, s3, request).thenAccept(r -> result.bind(in.exchange(), r));
    }

    /** Whether the failure became a result on the message. */
    boolean bindFailure(Exchange exchange, S3LegacyException error) {
        return failure.bind(exchange, error);
    }
}
