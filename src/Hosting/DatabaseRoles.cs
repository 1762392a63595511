using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ArPlatform.Hosting;

/// <summary>
/// The two roles of a service's database (ADR 0026): <c>{database}_owner</c> owns the database, its schema and every
/// object in it and is used only to migrate; <c>{database}_app</c> is what the service runs as. Neither is a superuser,
/// bypasses row-level security, creates roles or databases; each has its own password. Only the server's superuser,
/// which stays with the AppHost (and the test fixtures), provisions them.
/// </summary>
public static class DatabaseRoles
{
    public static string OwnerRole(string database) => Role(database, "owner");

    public static string AppRole(string database) => Role(database, "app");

    private static string Role(string database, string suffix) =>
        new string([.. database.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_')]) + "_" + suffix;

    /// <summary>
    /// Closes the server's maintenance databases to everyone but the superuser: a service's roles may connect to their
    /// own database and no other. Run once per server start, as the superuser.
    /// </summary>
    public static async Task CloseMaintenanceDatabasesAsync(NpgsqlConnection superuser, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "REVOKE ALL ON DATABASE postgres FROM PUBLIC; REVOKE ALL ON DATABASE template1 FROM PUBLIC;", superuser);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the database and its two roles unless they exist, (re)sets their attributes and passwords, makes the
    /// owner role own the database, its schema and what an earlier version left owned by the superuser, and lets only
    /// the two roles connect. Idempotent; run as the superuser (<paramref name="superuser"/> is open on any database,
    /// <paramref name="superuserConnectionString"/> reaches the server as the same user).
    /// </summary>
    public static async Task ProvisionAsync(
        NpgsqlConnection superuser, string superuserConnectionString, string database, string ownerPassword, string appPassword,
        CancellationToken cancellationToken = default)
    {
        var (owner, app, db) = (Quote(OwnerRole(database)), Quote(AppRole(database)), Quote(database));
        await LocalPostgres.CreateDatabaseAsync(superuser, database, cancellationToken);
        // The passwords go as SCRAM verifiers, never in clear text: a statement that fails is written to the server's log.
        await ExecuteAsync(superuser, $"""
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {Literal(OwnerRole(database))}) THEN CREATE ROLE {owner}; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {Literal(AppRole(database))}) THEN CREATE ROLE {app}; END IF;
            END $$;
            ALTER ROLE {owner} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD {Literal(ScramVerifier(ownerPassword))};
            ALTER ROLE {app} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD {Literal(ScramVerifier(appPassword))};
            ALTER DATABASE {db} OWNER TO {owner};
            REVOKE ALL ON DATABASE {db} FROM PUBLIC;
            GRANT CONNECT ON DATABASE {db} TO {app};
            """, cancellationToken);

        // Inside the database: the schema and what a superuser-run migration of an earlier version created go to the owner.
        var inside = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = database, Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(inside);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            ALTER SCHEMA public OWNER TO {owner};
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            DO $$
            DECLARE o record;
            BEGIN
              FOR o IN SELECT c.relname, c.relkind FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                         AND c.relowner <> {Literal(OwnerRole(database))}::regrole LOOP
                EXECUTE format(CASE o.relkind WHEN 'v' THEN 'ALTER VIEW %I OWNER TO %I' WHEN 'm' THEN 'ALTER MATERIALIZED VIEW %I OWNER TO %I'
                                              WHEN 'f' THEN 'ALTER FOREIGN TABLE %I OWNER TO %I' ELSE 'ALTER TABLE %I OWNER TO %I' END,
                               o.relname, {Literal(OwnerRole(database))});
              END LOOP;
              -- Sequences a table's column owns moved with their table; the others move alone.
              FOR o IN SELECT c.relname FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner <> {Literal(OwnerRole(database))}::regrole
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
                EXECUTE format('ALTER SEQUENCE %I OWNER TO %I', o.relname, {Literal(OwnerRole(database))});
              END LOOP;
              FOR o IN SELECT p.oid::regprocedure AS signature, p.prokind FROM pg_proc p
                       WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> {Literal(OwnerRole(database))}::regrole LOOP
                EXECUTE format(CASE o.prokind WHEN 'p' THEN 'ALTER PROCEDURE %s OWNER TO %I' WHEN 'a' THEN 'ALTER AGGREGATE %s OWNER TO %I'
                                              ELSE 'ALTER FUNCTION %s OWNER TO %I' END, o.signature, {Literal(OwnerRole(database))});
              END LOOP;
              FOR o IN SELECT t.oid::regtype AS name FROM pg_type t
                       WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r') AND t.typowner <> {Literal(OwnerRole(database))}::regrole LOOP
                EXECUTE format('ALTER TYPE %s OWNER TO %I', o.name, {Literal(OwnerRole(database))});
              END LOOP;
            END $$;
            """, cancellationToken);
    }

    /// <summary>Drops a database's two roles (after the database: they own and may use nothing else).</summary>
    public static async Task DropAsync(NpgsqlConnection superuser, string database, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(superuser, $"DROP ROLE IF EXISTS {Quote(OwnerRole(database))}, {Quote(AppRole(database))}", cancellationToken);

    /// <summary>A new random password: 32 letters and digits (nothing a connection string or URI needs to escape).</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);

    /// <summary>PostgreSQL's SCRAM-SHA-256 verifier of a password (RFC 5802/7677), as <c>CREATE ROLE ... PASSWORD</c> takes it.</summary>
    public static string ScramVerifier(string password)
    {
        const int iterations = 4096;
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
