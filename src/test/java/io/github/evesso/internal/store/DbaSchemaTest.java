package io.github.evesso.internal.store;

import io.github.evesso.support.SharedPostgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStores;
import io.github.evesso.GrantTokens;
import io.github.evesso.StoredGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The DDL the documentation gives DBAs, run on a real PostgreSQL: it creates the tables the store itself would
 * create, and the store then starts as an application user who may not create tables (it reads the schema version
 * and runs no DDL).
 */
class DbaSchemaTest {
    private static final Path DOC = Path.of("TOKEN-STORE.md");

    /** The first {@code sql} block of the documentation, as statements. */
    static List<String> documentedDdl() throws IOException {
        Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(block.find()).as("a ```sql block in " + DOC).isTrue();
        List<String> statements = new ArrayList<>();
        for (String statement : block.group(1).split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                statements.add(statement);
            }
        }
        return statements;
    }

    @Test
    void theDocumentedDdlMakesTheStoresTablesAndTheStoreStartsAsAUserWhoMayNotCreateTables() throws Exception {
        PGSimpleDataSource byDba = (PGSimpleDataSource) SharedPostgres.newSchema();
        String schema = byDba.getCurrentSchema();
        PGSimpleDataSource byStore = (PGSimpleDataSource) SharedPostgres.newSchema();
        String role = "eve_app_" + schema;
        try {
            for (String statement : documentedDdl()) {
                StoreBackend.execute(byDba, statement);
            }
            StoreBackend.execute(byDba, "CREATE ROLE " + role + " LOGIN");
            StoreBackend.execute(byDba, "GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            StoreBackend.execute(byDba, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema
                    + " TO " + role);
            DataSource asApplication = SharedPostgres.dataSource(schema, role);
            assertThatThrownBy(() -> StoreBackend.execute(asApplication, "CREATE TABLE probe (i INTEGER)"))
                    .rootCause().hasMessageContaining("permission denied for schema " + schema);

            EveTokenStore store = EveTokenStores.jdbc(asApplication).key("k1", StoreBackend.newKey()).build();
            EveCharacter character = new EveCharacter(90000001, "Pilot", "owner", Set.of("esi-skills.read_skills.v1"));
            StoredGrant grant = store.save(character, new GrantTokens("access", Instant.now(), "refresh"));
            store.completeRefresh(store.tryLease(90000001, grant.version(), Duration.ofSeconds(30)).orElseThrow(),
                    character, new GrantTokens("access-2", Instant.now(), "refresh-2"));
            assertThat(store.load(90000001).orElseThrow().refreshToken()).isEqualTo("refresh-2");
            assertThat(store.recordOwnerHash(90000001, "owner")).isEmpty();

            EveTokenStores.jdbc(byStore).key("k1", StoreBackend.newKey()).build();
            assertThat(columns(byDba, schema)).isEqualTo(columns(byStore, byStore.getCurrentSchema()))
                    .hasSize(3 + 13 + 3 + 3 + 1 + 2); // columns of the four tables, the check, two version rows
        } finally {
            StoreBackend.execute(byDba, "DROP SCHEMA " + schema + " CASCADE");
            StoreBackend.execute(byStore, "DROP SCHEMA " + byStore.getCurrentSchema() + " CASCADE");
            StoreBackend.execute(byDba, "DROP ROLE IF EXISTS " + role);
        }
    }

    /** Every column of the schema: table, name, type, nullability, default, and the check constraints' count. */
    static List<String> columns(DataSource ds, String schema) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = ds.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable"
                        + " FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, column_name")) {
            select.setString(1, schema);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    columns.add(row.getString(1) + "." + row.getString(2) + " " + row.getString(3) + "("
                            + row.getString(4) + ") nullable=" + row.getString(5));
                }
            }
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                    "SELECT count(*) FROM information_schema.check_constraints c JOIN information_schema"
                            + ".constraint_column_usage u ON c.constraint_name = u.constraint_name AND"
                            + " c.constraint_schema = u.constraint_schema WHERE u.table_schema = '" + schema + "'")) {
                row.next();
                columns.add("column checks: " + row.getInt(1));
            }
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                    "SELECT version, description FROM " + schema + "." + Schema.VERSIONS + " ORDER BY version")) {
                while (row.next()) {
                    columns.add("version " + row.getInt(1) + ": " + row.getString(2));
                }
            }
        }
        return columns;
    }
}
