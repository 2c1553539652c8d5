package dev.s3legacy.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM forked on the test classpath, with a fixed heap; killed with SIGKILL or stopped by closing its stdin. */
final class ForkedJvm implements AutoCloseable {

    private final Process process;

    private ForkedJvm(Process process) {
        this.process = process;
    }

    static ForkedJvm start(Class<?> main, String heap, List<String> jvmOptions, List<String> args, Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(main.getName());
        command.addAll(args);
        return new ForkedJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    /** In the forked JVM: ends it at once when the JVM that forked it ends, even killed (no orphan left running). */
    static void haltWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    }

    /** In the forked JVM: blocks until the forking JVM closes this one's stdin. */
    static void awaitStdinEnd() throws IOException {
        while (System.in.read() != -1) {
            // nothing is sent; only the end counts
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no finally block runs in it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!process.isAlive()) {
            return;
        }
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
