using System.Collections.Concurrent;

namespace ArPlatform.Hosting;

/// <summary>Writes each resource's output to a file of its own and, prefixed with its name, to the console.</summary>
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

    public ResourceLogger(string directory, bool toConsole)
    {
        _directory = directory;
        _toConsole = toConsole;
        Directory.CreateDirectory(directory);
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

        var file = _files.GetOrAdd(resource, r => new StreamWriter(
            new FileStream(LogFile(r), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
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
