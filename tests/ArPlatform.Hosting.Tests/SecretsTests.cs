using Npgsql;

namespace ArPlatform.Hosting.Tests;

/// <summary>Generated passwords stay in parameters.json: no log, no command line, and the data folder is private.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SecretsTests
{
    private const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;

    [Fact]
    public async Task No_generated_secret_reaches_a_log_or_a_command_line_and_the_data_folder_is_the_owners_alone()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arplatform-secrets-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = DistributedApplicationBuilder.CreateForTesting(dataDirectory: directory);
        builder.AddPostgres("postgres").AddDatabase("appdb");
        builder.AddRabbitMQ("messaging");
        builder.AddRedis("cache");
        builder.AddParameter("admin-client-secret", secret: true, generate: true);
        await using var app = builder.Build();
        app.ConsoleOutput = false;
        await app.StartAsync();

        var secrets = app.Resources.OfType<ParameterResource>().Select(p => p.Value).ToList();
        Assert.Equal(4, secrets.Count);
        var postgresPassword = app.Resource<PostgresServerResource>("postgres").Password.Value;
        // A failed statement that quotes the password: PostgreSQL repeats it in its log (ERROR and STATEMENT lines).
        await using (var connection = new NpgsqlConnection(app.GetConnectionString("appdb")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT '{postgresPassword}'::int", connection);
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
        }

        var logs = Path.Combine(directory, "logs");
        await EventuallyAsync(() => Read(Path.Combine(logs, "postgres.log")).Contains("invalid input syntax for type integer", StringComparison.Ordinal));
        var redisCommandLine = await File.ReadAllTextAsync($"/proc/{app.Resource<RedisResource>("cache").ProcessId}/cmdline");
        await app.StopAsync();

        var files = Directory.GetFiles(logs, "*", SearchOption.AllDirectories);
        Assert.Contains(Path.Combine(logs, "apphost.log"), files);
        Assert.Contains("generated parameter 'admin-client-secret'", Read(Path.Combine(logs, "apphost.log")), StringComparison.Ordinal);
        Assert.Contains(ResourceLogger.Redacted, Read(Path.Combine(logs, "postgres.log")), StringComparison.Ordinal);
        foreach (var file in files)
        {
            var text = Read(file);
            Assert.All(secrets, secret => Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret is written in {file}"));
        }

        Assert.All(secrets, secret => Assert.DoesNotContain(secret, redisCommandLine, StringComparison.Ordinal));

        // The data folder: 0700 (0710 with group postgres when run as root, so the server, which runs as postgres,
        // can pass through to its own folder); the logs, the pid files' and each resource's folder 0700; files 0600.
        Assert.Equal(ManagedProcess.IsRoot ? (UnixFileMode)0b111_001_000 : PrivateFolder, File.GetUnixFileMode(directory));
        foreach (var folder in new[] { "logs", "run", "postgres", "messaging", "cache" })
        {
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(directory, folder)));
        }

        foreach (var file in files.Append(Path.Combine(directory, "parameters.json")))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.All(Directory.GetFiles(Path.Combine(directory, "cache")).Concat(Directory.GetFiles(Path.Combine(directory, "messaging"))),
            file => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(file) & GroupOrOther));
    }

    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static string Read(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }
}
