package dev.s3legacy;

/** Producer operations: the classic client's function names in camelCase, plus head, copy and deleteObjects. */
public enum S3LegacyOperations {
    get,
    getAcl,
    put,
    putAcl,
    delete,
    createBucket,
    listBucket,
    getBucketLocation,
    getBucketAcl,
    putBucketAcl,
    deleteBucket,
    getBucketLogging,
    putBucketLogging,
    listAllMyBuckets,
    head,
    copy,
    deleteObjects
}
