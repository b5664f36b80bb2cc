package tianshan.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import picocli.CommandLine;

/**
 * The password of the DBMS's one user, {@code neo4j}, kept in a file that only its owner may read.
 *
 * <p>The file is written only once the password is bound to reach the DBMS, so a start interrupted half-way never
 * leaves a file naming a password the DBMS will not accept: the next start simply makes a new one. And the DBMS never
 * listens on Bolt while its {@code neo4j} user has a password somebody else may know (the default {@code neo4j} of
 * a new or pre-authentication store): a local process racing to log in first could otherwise take the account.
 */
final class UserPassword {

    static final String USER = "neo4j";
    private static final int RANDOM_BYTES = 32;

    private UserPassword() {}

    /** The password in {@code file}, or null when there is none yet. */
    static String read(Path file) throws IOException {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IOException("the password file " + file + " is empty; delete it to have a new password made");
            }
            return password;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** 64 hex digits: nothing a shell or a URL would need quoted. */
    static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Writes {@code password} to {@code file}, readable and writable by its owner only from the moment it exists
     * (the mode is given to the system call that creates it), and complete the moment its name appears (a rename):
     * no reader ever sees it world-readable or half-written.
     */
    static void write(Path file, String password) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * For a store that does not exist yet: records {@code password} as the initial password of {@code neo4j}, as
     * {@code neo4j-admin dbms set-initial-password} does, so the user is created with it rather than with the default.
     */
    static void setInitial(Path home, String password, PrintStream out) throws IOException {
        ExecutionContext context = new ExecutionContext(home, home.resolve("conf"), out, out, new DefaultFileSystemAbstraction());
        int status = new CommandLine(new SetInitialPasswordCommand(context)).execute(password);
        if (status != 0) {
            throw new IOException("setting the initial password of user " + USER + " failed (status " + status + ")");
        }
    }

    /**
     * The file Neo4j reads the initial password from when it creates its system database. Once that exists, the
     * file is no longer read; it holds a hash of the password under the default file mode, so it goes.
     */
    static void removeInitial(Path home) throws IOException {
        Files.deleteIfExists(home.resolve("data").resolve("dbms").resolve("auth.ini"));
    }

    /** Whether the DBMS in {@code home} has been started before (its system database exists). */
    static boolean storeExists(Path home) {
        return Files.isDirectory(home.resolve("data").resolve("databases").resolve(GraphDatabaseSettings.SYSTEM_DATABASE_NAME));
    }

    /**
     * Makes {@code password} the password of {@code neo4j} unless it already is (the file wins over a change made
     * with cypher-shell, since the file is what every client here reads). Returns whether it changed anything.
     */
    static boolean ensure(DatabaseManagementService service, String password) {
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (accepts(system, password)) {
            return false;
        }
        system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        return true;
    }

    /**
     * Asks the DBMS's own authentication whether the password is right: Cypher cannot, and {@code ALTER USER} to the
     * same password is an error. A wrong guess counts as one failed login attempt in security.log, which it is.
     */
    private static boolean accepts(GraphDatabaseService system, String password) {
        AuthManager auth = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(AuthManager.class);
        try {
            AuthenticationResult result = auth.login(AuthToken.newBasicAuthToken(USER, password), ClientConnectionInfo.EMBEDDED_CONNECTION)
                    .subject()
                    .getAuthenticationResult();
            return result == AuthenticationResult.SUCCESS;
        } catch (org.neo4j.kernel.api.security.exception.InvalidAuthTokenException e) {
            throw new IllegalStateException("the basic auth token was refused as malformed", e);
        }
    }
}
