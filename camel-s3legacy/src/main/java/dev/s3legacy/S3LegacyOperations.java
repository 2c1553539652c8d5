package dev.s3legacy;

import dev.s3legacy.client.S3Requests;

/**
 * Producer operations: the classic client's function names in camelCase, plus head, copy and deleteObjects.
 * Each is defined here, once: the request it builds from the message (sending and pre-signing share it), how
 * it is sent when that is more than one request, how its result goes onto the message, and which failures
 * are results. The names and their order are public.
 */
public enum S3LegacyOperations {
    // counted as a download (progressInterval)
    get(OperationBinding.of(OperationRequests::get,
            (in, s3, request) -> in.endpoint().transfers().download(s3, request.build(in), in.message()), OperationResults::object)),
    getAcl(OperationBinding.of(in -> S3Requests.getAcl(in.bucket(), in.key()), OperationResults::text)),
    // one PUT, or a multipart upload above multipartThreshold or of unknown length
    put(OperationBinding.of(OperationRequests::put, UploadBodies::send, OperationResults::eTag)),
    putAcl(OperationBinding.of(in -> S3Requests.putAcl(in.bucket(), in.key(), in.bodyText()), OperationResults::status)),
    delete(OperationBinding.of(in -> S3Requests.delete(in.bucket(), in.key()), OperationResults::status)),
    createBucket(OperationBinding.of(OperationRequests::createBucket, OperationResults::status)),
    listBucket(OperationBinding.of(OperationRequests::listBucket, OperationResults::listing)),
    getBucketLocation(OperationBinding.of(in -> S3Requests.getBucketLocation(in.bucket()), OperationResults::text)),
    getBucketAcl(OperationBinding.of(in -> S3Requests.getBucketAcl(in.bucket()), OperationResults::text)),
    putBucketAcl(OperationBinding.of(in -> S3Requests.putBucketAcl(in.bucket(), in.bodyText()), OperationResults::status)),
    deleteBucket(OperationBinding.of(in -> S3Requests.deleteBucket(in.bucket()), OperationResults::status)),
    getBucketLogging(OperationBinding.of(in -> S3Requests.getBucketLogging(in.bucket()), OperationResults::text)),
    putBucketLogging(OperationBinding.of(in -> S3Requests.putBucketLogging(in.bucket(), in.bodyText()), OperationResults::status)),
    listAllMyBuckets(OperationBinding.of(in -> S3Requests.listAllMyBuckets(), OperationResults::buckets)),
    head(OperationBinding.of(OperationRequests::head, OperationResults::exists)
            .failuresBoundBy(OperationResults::notFound)),
    copy(OperationBinding.of(OperationRequests::copy, OperationResults::copied)),
    // any number of keys, in batches of S3Limits.MAX_KEYS_PER_DELETE; pre-signed, one request
    deleteObjects(OperationBinding.of(in -> S3Requests.deleteObjects(in.bucket(), in.keysToDelete()),
            (in, s3, request) -> s3.deleteObjectsAsync(in.bucket(), in.keysToDelete()), OperationResults::failedKeys));

    private final OperationBinding<?, ?> binding;

    S3LegacyOperations(OperationBinding<?, ?> binding) {
        this.binding = binding;
    }

    OperationBinding<?, ?> binding() {
        return binding;
    }
}
