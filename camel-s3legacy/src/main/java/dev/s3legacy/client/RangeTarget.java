package dev.s3legacy.client;

import java.nio.channels.FileChannel;

/**
 * Where one range of a parallel download goes: its place in the shared spool file. {@link #aborted()} turns
 * true when another range failed, so a range still in transfer stops instead of finishing for nothing.
 *
 * @param channel  the spool file, open for writing; positional writes only, so ranges never share a position
 * @param offset   the range's first byte in the object (and in the file)
 * @param length   how many bytes the range holds
 * @param download the download it belongs to (abort flag)
 * @param progress where the range's bytes are counted (a watched download), or null
 */
record RangeTarget(FileChannel channel, long offset, long length, RangedDownload.Transfer download,
                   TransferMeter.Segment progress) {

    boolean aborted() {
        return download.aborted();
    }

    /** The range's first {@code bytes} bytes are in the file (a retried attempt starts again from 0). */
    void written(long bytes) {
        if (progress != null) {
            progress.reached(bytes);
        }
    }
}
