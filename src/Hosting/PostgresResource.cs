using Npgsql;

namespace ArPlatform.Hosting;

/// <summary>A PostgreSQL server run from the Debian package, with a private data directory.</summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : ServerResource(name), IResourceWithConnectionString
{
    private readonly List<PostgresDatabaseResource> _databases = [];
    private int _port;

    public ParameterResource Password { get; } = password;

    public int Port => _port != 0 ? _port : throw new InvalidOperationException($"{Name} has no port until it starts.");

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    public override string Image => "docker.io/library/postgres:17.6";

    public override string? Url => _port == 0 ? null : $"postgres://127.0.0.1:{_port}";

    public string ConnectionStringExpression =>
        $"Host={{{Name}.bindings.tcp.host}};Port={{{Name}.bindings.tcp.port}};Username=postgres;Password={{{Password.Name}.value}}";

    public string GetConnectionString() =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password.Value}";

    internal PostgresDatabaseResource AddDatabase(string name, string databaseName)
    {
        var database = new PostgresDatabaseResource(name, databaseName, this);
        _databases.Add(database);
        return database;
    }

    /// <summary>Creates a database if it does not exist yet (test hosts use this for a database per run).</summary>
    public async Task CreateDatabaseAsync(string databaseName, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(GetConnectionString() + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        exists.Parameters.AddWithValue("n", databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    protected override void ForgetPorts() => _port = 0;

    private string DataDir(RunContext context) => Path.Combine(context.ResourceDirectory(Name), "data");

    private string SocketDir(RunContext context) => Path.Combine(context.ResourceDirectory(Name), "socket");

    protected override async Task PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        var initdb = Prerequisites.PostgresBin("initdb");
        _port = _port == 0 ? Ports.Free() : _port;
        var data = DataDir(context);
        var socket = SocketDir(context);
        if (ManagedProcess.IsRoot)
        {
            // The server runs as postgres: it may pass through the data folder (group postgres, no read: 0710) into a
            // folder of its own; nobody else may enter either.
            await RunToCompletionAsync("/usr/bin/install", ["-d", "-g", "postgres", "-m", "710", context.DataDirectory]);
            await OwnDirectoryAsync(context.ResourceDirectory(Name), "700");
        }

        await OwnDirectoryAsync(data, "700");
        await OwnDirectoryAsync(socket, "755");
        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            return;
        }

        context.Logger.Info($"{Name}: initialising a new cluster in {data}");
        var pwfile = Path.Combine(context.ResourceDirectory(Name), "initdb.pw");
        await PrivateFiles.WriteAllTextAsync(pwfile, Password.Value, cancellationToken);
        if (ManagedProcess.IsRoot)
        {
            await RunToCompletionAsync("/usr/bin/chown", ["postgres:postgres", pwfile]);
        }

        try
        {
            var (file, args) = AsUser("postgres", initdb,
                ["-D", data, "-U", "postgres", "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]);
            await RunToCompletionAsync(file, args);
        }
        finally
        {
            File.Delete(pwfile);
        }
    }

    private static async Task OwnDirectoryAsync(string path, string mode)
    {
        Directory.CreateDirectory(path);
        if (ManagedProcess.IsRoot)
        {
            await RunToCompletionAsync("/usr/bin/install", ["-d", "-o", "postgres", "-g", "postgres", "-m", mode, path]);
        }
    }

    protected override (string File, IEnumerable<string> Arguments, IReadOnlyDictionary<string, string?> Environment) Command(RunContext context)
    {
        var postgres = Prerequisites.PostgresBin("postgres");
        List<string> args =
        [
            "-D", DataDir(context), "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={SocketDir(context)}",
            "-c", "max_connections=500", "-c", "shared_buffers=256MB",
        ];
        if (!context.Durable)
        {
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        else
        {
            // Bulk imports write every invoice to five databases. With the default 1 GB of WAL between checkpoints, a
            // large import checkpointed often (ADR 0009), and each checkpoint makes the next change of every
            // index page log the whole page again; compressed, those full pages cost a fraction of the WAL.
            args.AddRange(["-c", "max_wal_size=8GB", "-c", "checkpoint_timeout=15min", "-c", "wal_compression=lz4"]);
        }

        var (file, arguments) = AsUser("postgres", postgres, args);
        return (file, arguments, new Dictionary<string, string?>());
    }

    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions and stop.
    protected override int StopSignal => ManagedProcess.SigInt;

    protected override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        // Over the Unix socket with local trust, so a changed password parameter can be applied to an existing cluster.
        var admin = $"Host={SocketDir(Context!)};Port={_port};Username=postgres;Database=postgres;Pooling=false;Timeout=2";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using (var alter = new NpgsqlCommand($"ALTER ROLE postgres PASSWORD '{Password.Value.Replace("'", "''")}'", connection))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var database in _databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
            exists.Parameters.AddWithValue("n", database.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        State = ResourceState.Healthy;
        return true;
    }
}

/// <summary>A database on a PostgreSQL server: its connection string is the server's plus the database name.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : IResourceWithConnectionString, IResourceWithParent
{
    public string Name { get; } = name;

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = parent;

    public IResource Parent => Server;

    public string ConnectionStringExpression => $"{{{Server.Name}.connectionString}};Database={DatabaseName}";

    public string GetConnectionString() => $"{Server.GetConnectionString()};Database={DatabaseName}";
}
