package dev.s3legacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Camel's file producer move a spooled object into place instead of copying it: when the producer asks
 * the body for its file, the message gets {@code CamelFileLocalWorkPath} (the header the FTP consumer's
 * localWorkDirectory uses), which the file
 * producer renames to its target when the body is file based ({@link S3LegacyBody} is a
 * {@link org.apache.camel.WrappedFile}), falling back to copy and delete where the rename fails (another
 * file system). The header names a second hard link to the spool file, not the spool file itself: the
 * rename takes the link, no byte is copied, and the body stays readable for the rest of the route (a second
 * {@code to("file:...")}, a log). The link is deleted when the exchange completes, if still there; where no
 * link can be made (a file system without them) there is no header and the producer copies.
 */
final class FileHandOff {

    private static final Logger LOG = LoggerFactory.getLogger(FileHandOff.class);
    private static final AtomicLong LINKS = new AtomicLong();

    private FileHandOff() {
    }

    static void offer(Exchange exchange, Path spoolFile) {
        if (exchange.getMessage().getHeader(Exchange.FILE_LOCAL_WORK_PATH) != null) {
            return; // someone else's local work file: not ours to replace
        }
        String name = spoolFile.getFileName().toString();
        // same name pattern as spool files (digits before .tmp), so a crash's leftovers are swept like them
        Path link = spoolFile.resolveSibling(name.substring(0, name.length() - 4) + "0" + LINKS.incrementAndGet() + ".tmp");
        try {
            Files.createLink(link, spoolFile);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.debug("No hard link for the file hand-off of {} ({}); a file producer copies it", spoolFile, e.toString());
            return;
        }
        exchange.getMessage().setHeader(Exchange.FILE_LOCAL_WORK_PATH, link.toString());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(link); // gone when a file producer took it
                } catch (IOException e) {
                    link.toFile().deleteOnExit();
                }
            }
        });
    }
}
