package dev.s3legacy.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * The tables of the several-nodes recipe (docs/user-guide.md, section 4), for both camel-sql repositories with
 * {@code createTableIfNotExists=false}: the done-set (JdbcMessageIdRepository) and the claims
 * (ExpiringClaims, a JdbcOrphanLockAwareIdempotentRepository). The consumer's id is the ETag, a space and the key:
 * a key has at most 1,024 bytes in UTF-8 (so at most 1,024 characters) and an ETag at most a few dozen
 * characters, so 1,200 characters hold every id whole: no hashing, hence no collision can hide an object. The
 * primary key makes a second node's claim of the same id fail instead of succeeding twice.
 */
public final class ClusterSchema {

    public static final String DONE_TABLE = "S3LEGACY_DONE";
    public static final String CLAIMS_TABLE = "S3LEGACY_CLAIMS";

    /** The DDL of one table (same shape for both repositories). */
    public static String ddl(String table) {
        return "CREATE TABLE " + table + " ("
                + "processorName VARCHAR(255) NOT NULL, "
                + "messageId VARCHAR(1200) NOT NULL, "
                + "createdAt TIMESTAMP NOT NULL, "
                + "PRIMARY KEY (processorName, messageId))";
    }

    public static void create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl(DONE_TABLE));
            s.execute(ddl(CLAIMS_TABLE));
        }
    }

    private ClusterSchema() {
    }
}
