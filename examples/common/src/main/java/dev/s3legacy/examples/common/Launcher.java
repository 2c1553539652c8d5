package dev.s3legacy.examples.common;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of {@code mvn -Pdemo ... exec:java}: runs the example named by {@code -Dexample=}
 * (default {@code demo}).
 */
public final class Launcher {

    static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("demo", "dev.s3legacy.examples.demo.Demo");
        EXAMPLES.put("file-to-bucket", "dev.s3legacy.examples.filetobucket.FileToBucketExample");
        EXAMPLES.put("bucket-poller", "dev.s3legacy.examples.poller.BucketPollerExample");
        EXAMPLES.put("move-after-read", "dev.s3legacy.examples.move.MoveAfterReadExample");
        EXAMPLES.put("presigned-links", "dev.s3legacy.examples.presign.PresignedLinksExample");
        EXAMPLES.put("yaml-poller", "dev.s3legacy.examples.yaml.YamlPollerExample");
    }

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String name = System.getProperty("example", "demo").trim();
        String mainClass = EXAMPLES.get(name);
        if (mainClass == null) {
            throw new IllegalArgumentException("Unknown example '" + name + "'; choose one of " + EXAMPLES.keySet());
        }
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
