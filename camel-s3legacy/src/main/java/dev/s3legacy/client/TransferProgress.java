package dev.s3legacy.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where one transfer stands: an immutable snapshot taken by {@link TransferMeter#snapshot}. Bytes are those of
 * the object's data moved so far (sent for an upload, written to the spool file for a download, copied
 * server-side for a multipart copy, counted as each part completes); a request sent again after a failure does
 * not count its bytes twice.
 *
 * @param bucket         the bucket of the object written or read (the target of a copy)
 * @param key            its key
 * @param direction      upload, download or copy
 * @param bytesDone      bytes moved so far; never less than in an earlier snapshot of the same transfer
 * @param totalBytes     the object's size, or -1 while it is unknown (an upload of a stream of unknown length)
 * @param bytesPerSecond the rate since the previous snapshot (the whole transfer's average in the first and the final one)
 * @param timeLeft       the estimated time left at that rate; null when the total or the rate is unknown; zero once done
 * @param started        when the transfer started
 * @param elapsed        how long it has been running (its whole duration in the final snapshot)
 * @param state          running, or how it ended
 */
public record TransferProgress(String bucket, String key, Direction direction, long bytesDone, long totalBytes,
                               double bytesPerSecond, Duration timeLeft, Instant started, Duration elapsed, State state) {

    /** Which way the bytes go. */
    public enum Direction {
        UPLOAD, DOWNLOAD, COPY
    }

    /** A snapshot taken while the transfer runs, or its final one. */
    public enum State {
        RUNNING, COMPLETED, FAILED;

        public boolean isFinal() {
            return this != RUNNING;
        }
    }

    /** Whether this is the transfer's last snapshot (it completed or failed). */
    public boolean isFinal() {
        return state.isFinal();
    }

    /** Done in percent (0 to 100), or -1 for an unknown total. */
    public int percent() {
        if (totalBytes < 0) {
            return -1;
        }
        return totalBytes == 0 ? 100 : (int) Math.min(100, bytesDone * 100 / totalBytes);
    }

    /**
     * One line for a log: {@code upload bucket/key: 120.0 MiB of 300.0 MiB (40%), 12.5 MiB/s, about 15s left};
     * for an unknown total {@code 120.0 MiB so far}; a final one gives the time taken. Holds no credential.
     */
    @Override
    public String toString() {
        String what = direction.name().toLowerCase(Locale.ROOT) + " " + bucket + "/" + key + ": ";
        String size = totalBytes >= 0 ? bytes(bytesDone) + " of " + bytes(totalBytes) + " (" + percent() + "%)"
                : bytes(bytesDone) + " so far";
        return switch (state) {
            case RUNNING -> what + size + ", " + rate(bytesPerSecond)
                    + (timeLeft != null ? ", about " + duration(timeLeft) + " left" : "");
            case COMPLETED -> what + "done, " + bytes(bytesDone) + " in " + duration(elapsed) + " (" + rate(bytesPerSecond) + ")";
            case FAILED -> what + "failed after " + duration(elapsed) + ", " + size;
        };
    }

    /** 1536 as 1.5 KiB, binary units, one decimal. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String rate(double bytesPerSecond) {
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** 3725 s as 1h02m05s, 65 s as 1m05s, 0.4 s as 0.4s. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
}
