using System.Collections.Concurrent;

namespace ArPlatform.Hosting;

/// <summary>
/// Writes each resource's output to a file of its own (0600, in a 0700 folder) and, prefixed with its name, to the
/// console. Every secret parameter's value is replaced by <c>***</c> in every line, whoever wrote it: a server that
/// echoes a failed statement or a service that prints a connection string does not put the password in a log.
/// </summary>
public sealed class ResourceLogger : IDisposable
{
    private static readonly ConsoleColor[] Colors =
    [
        ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta,
        ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkYellow,
    ];

    private readonly string _directory;
    private readonly bool _toConsole;
    private readonly ConcurrentDictionary<string, StreamWriter> _files = new();
    private readonly Lock _consoleLock = new();
    private volatile string[] _secrets = [];

    public ResourceLogger(string directory, bool toConsole)
    {
        _directory = directory;
        _toConsole = toConsole;
        PrivateFiles.CreateFolder(directory);
    }

    public const string Redacted = "***";

    /// <summary>Keeps <paramref name="value"/> out of every line from now on (also as it reads in a URL).</summary>
    public void AddSecret(string value)
    {
        // A value this short would blank out ordinary words; such a secret protects nothing anyway.
        if (value.Length < 4)
        {
            return;
        }

        lock (_consoleLock)
        {
            _secrets = [.. _secrets.Union([value, Uri.EscapeDataString(value)]).OrderByDescending(s => s.Length)];
        }
    }

    public string Redact(string line)
    {
        foreach (var secret in _secrets)
        {
            if (line.Contains(secret, StringComparison.Ordinal))
            {
                line = line.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        return line;
    }

    public string LogFile(string resource) => Path.Combine(_directory, resource + ".log");

    private volatile bool _disposed;

    public void Line(string resource, string line)
    {
        // Output of a process that is still shutting down can arrive after the run has ended.
        if (_disposed)
        {
            return;
        }

        line = Redact(line);
        var file = _files.GetOrAdd(resource, r => new StreamWriter(PrivateFiles.Open(LogFile(r), FileMode.Append, FileShare.ReadWrite))
        { AutoFlush = true });
        lock (file)
        {
            if (!_disposed)
            {
                file.WriteLine(line);
            }
        }

        if (!_toConsole)
        {
            return;
        }

        lock (_consoleLock)
        {
            var previous = Console.ForegroundColor;
            Console.ForegroundColor = Colors[(uint)StringComparer.Ordinal.GetHashCode(resource) % Colors.Length];
            Console.Write($"{resource,-14}| ");
            Console.ForegroundColor = previous;
            Console.WriteLine(line);
        }
    }

    /// <summary>A message from the orchestrator itself, always on the console when console output is on.</summary>
    public void Info(string message) => Line("apphost", message);

    public void Dispose()
    {
        _disposed = true;
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
    }
}
