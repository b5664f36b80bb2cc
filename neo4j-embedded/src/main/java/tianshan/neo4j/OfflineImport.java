package tianshan.neo4j;

import java.nio.file.Path;
import java.util.Arrays;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;

/**
 * Neo4j's offline importer ({@code neo4j-admin database import full}) on an embedded Neo4j's home, before the DBMS
 * starts there: {@code OfflineImport <home> <importer arguments...>}. The admin tool would find the home from the
 * NEO4J_HOME environment variable; taking it as an argument keeps the environment out of it. The exit code is the
 * tool's (0 when the import is done).
 */
public final class OfflineImport {
    private OfflineImport() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: OfflineImport <neo4j home> <arguments of neo4j-admin database import full>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        String[] command = new String[3 + args.length - 1];
        command[0] = "database";
        command[1] = "import";
        command[2] = "full";
        System.arraycopy(args, 1, command, 3, args.length - 1);
        System.exit(AdminTool.execute(new ExecutionContext(home, home.resolve("conf")), command));
    }
}
