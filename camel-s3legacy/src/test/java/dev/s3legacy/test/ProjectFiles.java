package dev.s3legacy.test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the repository that live outside this module (README.md, docs/, examples/): Surefire runs the
 * tests in the module's own folder, so they are found from the repository root, the nearest folder above
 * the working directory that holds both README.md and docs/.
 */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with README.md and docs/ above " + Path.of("").toAbsolutePath());
    }

    /** A file by its path from the repository root, e.g. {@code docs/user-guide.md}. */
    public static Path of(String relative) {
        return root().resolve(relative);
    }
}
