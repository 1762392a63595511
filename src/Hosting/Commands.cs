using System.Diagnostics;

namespace ArPlatform.Hosting;

/// <summary>Short set-up commands (initdb, install, epmd -kill) run to completion before a server starts.</summary>
internal static class Commands
{
    /// <summary>Runs <paramref name="file"/> and returns its output; throws with that output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"'{file} {string.Join(' ', info.ArgumentList)}' failed with exit code {process.ExitCode}: {output}");
    }
}
