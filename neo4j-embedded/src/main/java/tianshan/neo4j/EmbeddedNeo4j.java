package tianshan.neo4j;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.PortBindException;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with a Bolt connector on 127.0.0.1 only and authentication on, for
 * server/neo4j/embedded/.
 *
 * <pre>
 * java -cp 'target/classes:target/lib/*' tianshan.neo4j.EmbeddedNeo4j --data DIR --bolt-port PORT \
 *      --password-file FILE [--pagecache 512m]
 * </pre>
 *
 * The user is {@code neo4j}; its password is the one in FILE, made on first start when FILE does not exist (see
 * {@link UserPassword}).
 *
 * <p>Protocol with the parent process:
 * <ul>
 *   <li>stdout carries {@code NOTE <text>} lines for the parent to log, then one line,
 *       {@code READY bolt://127.0.0.1:PORT}, once the database {@code neo4j} is available. Everything else the JVM
 *       might print goes to stderr.</li>
 *   <li>On failure a short reason goes to stderr, last, and the exit status is non-zero: 3 when the Bolt port is
 *       taken (the parent may pick another), 2 for bad arguments, 1 for anything else.</li>
 *   <li>EOF on stdin means "stop": the DBMS is shut down and the JVM exits 0. Because the parent holds the only write
 *       end of the pipe, the kernel closes it when the parent dies for any reason (even SIGKILL), so the JVM never
 *       outlives its parent.</li>
 *   <li>SIGTERM / SIGINT shut the DBMS down cleanly through a shutdown hook.</li>
 * </ul>
 */
public final class EmbeddedNeo4j {

    private static final String DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_BOLT_PORT_IN_USE = 3;
    private static final long AVAILABLE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);
    /** How long the shutdown hook waits for a start that is still in progress before giving up on it. */
    private static final long STARTUP_WAIT_ON_SHUTDOWN_S = 60;

    private static final CountDownLatch startupFinished = new CountDownLatch(1);
    private static volatile DatabaseManagementService managementService;

    private EmbeddedNeo4j() {}

    public static void main(String[] args) {
        // Keep the protocol channel to ourselves: libraries that print to System.out (log4j status
        // messages, Netty warnings, ...) would otherwise be mixed into the lines the parent parses.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("EmbeddedNeo4j: " + e.getMessage());
            System.err.println("usage: EmbeddedNeo4j --data <dir> --bolt-port <port> --password-file <file> [--pagecache 512m]");
            System.exit(EXIT_USAGE);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedNeo4j::shutdown, "neo4j-shutdown"));
        watchStdin();

        Throwable startFailure = null;
        try {
            Path home = options.data.toAbsolutePath().normalize();
            Files.createDirectories(home);
            String password = preparePassword(home, options, protocol);
            managementService = configure(home, options, true).build();
            if (UserPassword.ensure(managementService, password)) {
                note(protocol, "the password of user " + UserPassword.USER + " was not the one in " + options.passwordFile
                        + "; it is now");
            }
            UserPassword.removeInitial(home);
        } catch (Throwable t) {
            startFailure = t;
        } finally {
            // Before any System.exit: the shutdown hook waits for this latch, and System.exit never returns
            // to run a finally block.
            startupFinished.countDown();
        }
        if (startFailure != null) {
            failStartup(startFailure);
            return;
        }

        try {
            GraphDatabaseService db = managementService.database(DATABASE);
            if (!db.isAvailable(AVAILABLE_TIMEOUT_MS)) {
                System.err.println("EmbeddedNeo4j: database '" + DATABASE + "' not available after "
                        + AVAILABLE_TIMEOUT_MS / 1000 + " s; see " + options.data.resolve("logs/debug.log"));
                System.exit(EXIT_FAILED);
                return;
            }
        } catch (Throwable t) {
            failStartup(t);
            return;
        }

        protocol.println("READY bolt://127.0.0.1:" + options.boltPort);
        // main returns here; the non-daemon threads of the DBMS keep the JVM alive until a shutdown.
    }

    /**
     * The password of {@code neo4j}: the file's, or a new one when there is no file. A new one is set in the DBMS,
     * or recorded as the initial password of a store yet to be created, before Bolt listens, and the file is
     * written only after that.
     */
    private static String preparePassword(Path home, Options options, PrintStream protocol) throws Exception {
        String known = UserPassword.read(options.passwordFile);
        if (known != null) {
            return known;
        }
        String password = UserPassword.generate();
        if (UserPassword.storeExists(home)) {
            // A store from before authentication was on, or whose password file was deleted: its user may still
            // have the default password. Change it in a DBMS of its own with Bolt closed, at the cost of one more
            // start, this once.
            DatabaseManagementService closed = configure(home, options, false).build();
            try {
                UserPassword.ensure(closed, password);
            } finally {
                closed.shutdown();
            }
            UserPassword.write(options.passwordFile, password);
            note(protocol, "set a new password for user " + UserPassword.USER + " in " + options.passwordFile
                    + " (the data folder had none on file)");
        } else {
            UserPassword.setInitial(home, password, System.err);
            UserPassword.write(options.passwordFile, password);
            note(protocol, "made a password for user " + UserPassword.USER + " in " + options.passwordFile);
        }
        return password;
    }

    private static DatabaseManagementServiceBuilder configure(Path home, Options options, boolean bolt) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", options.boltPort))
                // Loopback only is not enough: any other user or process on the machine could connect.
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                // Transaction timeouts are enforced when the monitor next looks (every 2 s by default):
                // look often, so a client's timeout stops a runaway query close to when it asked.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                // Netty's graceful shutdown waits a 5 s quiet period per Bolt event loop group (two of
                // them), which made every stop take ~10 s after the store was already closed. Nothing is
                // in flight at that point, and tests stop and restart this process repeatedly.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
    }

    /** A line for the parent's log: the only way to tell it something before READY without failing. */
    private static void note(PrintStream protocol, String text) {
        protocol.println("NOTE " + text);
    }

    /** Reads stdin until EOF, then exits; the shutdown hook does the actual shutdown. */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            InputStream in = System.in;
            try {
                while (in.read(buffer) != -1) {
                    // Input is not interpreted; only its end matters.
                }
            } catch (IOException e) {
                // A broken stdin pipe means the parent is gone just as surely as EOF does.
                System.err.println("EmbeddedNeo4j: stdin failed (" + e + "), shutting down");
            }
            System.exit(0);
        }, "stdin-watcher");
        // Daemon, so a blocked read never keeps the JVM alive on its own.
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void shutdown() {
        try {
            // A stop requested while build() is still running: let the start finish (or fail) so the
            // store is closed cleanly, but never hang the exit forever.
            if (!startupFinished.await(STARTUP_WAIT_ON_SHUTDOWN_S, TimeUnit.SECONDS)) {
                System.err.println("EmbeddedNeo4j: start still in progress at shutdown; exiting without clean stop");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        DatabaseManagementService service = managementService;
        managementService = null;
        if (service != null) {
            try {
                service.shutdown();
            } catch (Throwable t) {
                System.err.println("EmbeddedNeo4j: shutdown failed: " + describe(t));
            }
        }
    }

    private static void failStartup(Throwable t) {
        // Trace first, summary last: the parent shows only the last lines of stderr, and the summary
        // (which carries the root cause, e.g. "Address already in use") must be among them.
        t.printStackTrace(System.err);
        System.err.println("EmbeddedNeo4j: failed to start: " + describe(t));
        System.exit(causedBy(t, PortBindException.class) ? EXIT_BOLT_PORT_IN_USE : EXIT_FAILED);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> kind) {
        for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line: the outermost message and the root cause. Neo4j wraps the actual cause (port in use, store
     * locked) several levels deep, and the parent puts this line into its error message.
     */
    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? oneLine(t) : oneLine(t) + "; caused by " + oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip().replace('\n', ' '));
    }

    private static final class Options {
        Path data;
        Path passwordFile;
        int boltPort = -1;
        long pageCacheBytes = ByteUnit.mebiBytes(512);

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + flag);
                }
                String value = args[++i];
                switch (flag) {
                    case "--data" -> o.data = Path.of(value);
                    case "--password-file" -> o.passwordFile = Path.of(value);
                    case "--bolt-port" -> {
                        try {
                            o.boltPort = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--bolt-port is not a number: " + value);
                        }
                        if (o.boltPort < 1 || o.boltPort > 65535) {
                            throw new IllegalArgumentException("--bolt-port out of range: " + value);
                        }
                    }
                    case "--pagecache" -> {
                        try {
                            o.pageCacheBytes = ByteUnit.parse(value);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--pagecache is not a size (e.g. 512m): " + value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
            if (o.data == null) {
                throw new IllegalArgumentException("--data is required");
            }
            if (o.boltPort < 0) {
                throw new IllegalArgumentException("--bolt-port is required");
            }
            if (o.passwordFile == null) {
                throw new IllegalArgumentException("--password-file is required");
            }
            return o;
        }
    }
}
