using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ArPlatform.Hosting;

/// <summary>A Redis server run from the Debian package.</summary>
public sealed class RedisResource(string name, ParameterResource password) : ServerResource(name), IResourceWithConnectionString
{
    private int _port;

    public ParameterResource Password { get; } = password;

    public int Port => _port;

    public override string Image => "docker.io/library/redis:7.4";

    public override string? Url => _port == 0 ? null : $"redis://127.0.0.1:{_port}";

    public string ConnectionStringExpression =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={{{Password.Name}.value}}";

    public string GetConnectionString() => $"127.0.0.1:{_port},password={Password.Value}";

    protected override Task PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        Prerequisites.Require("redis-server", "/usr/bin/redis-server");
        _port = Ports.Free();
        return Task.CompletedTask;
    }

    protected override (string File, IEnumerable<string> Arguments, IReadOnlyDictionary<string, string?> Environment) Command(RunContext context)
    {
        var dir = context.ResourceDirectory(Name);
        // The password goes in a file only its owner reads: a command line is readable by every user (ps, /proc).
        var config = Path.Combine(dir, "redis.conf");
        PrivateFiles.WriteAllText(config, $"requirepass \"{Password.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\n");
        return ("/usr/bin/redis-server",
        [
            config, "--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dir,
            "--appendonly", context.Durable ? "yes" : "no", "--save", "",
            "--daemonize", "no", "--loglevel", "warning",
        ], new Dictionary<string, string?>());
    }

    protected override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port, cancellationToken);
        var stream = client.GetStream();
        var password = Password.Value;
        await stream.WriteAsync(Encoding.UTF8.GetBytes(
            $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n"), cancellationToken);
        var buffer = new byte[256];
        var received = new StringBuilder();
        while (!received.ToString().Contains("PONG", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0 || received.ToString().Contains("-ERR", StringComparison.Ordinal))
            {
                return false;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        State = ResourceState.Healthy;
        return true;
    }
}
