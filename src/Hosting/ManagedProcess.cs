using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ArPlatform.Hosting;

/// <summary>
/// A child process whose output goes to the resource log and whose pid is recorded in a pid file, so that a later
/// start can find and stop it when the orchestrator died without cleaning up.
/// </summary>
public sealed partial class ManagedProcess
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly string _pidFile;

    private ManagedProcess(Process process, string pidFile)
    {
        _process = process;
        _pidFile = pidFile;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ManagedProcess Start(
        string logName,
        string pidName,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory,
        RunContext context)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                context.Logger.Line(logName, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                context.Logger.Line(logName, e.Data);
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName} for {logName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        var pidFile = Path.Combine(context.RunDirectory, pidName + ".pid");
        PrivateFiles.WriteAllText(pidFile, $"{process.Id} {StartTimeOf(process.Id)}");
        return new ManagedProcess(process, pidFile);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Asks the process to stop with <paramref name="signal"/>, then kills it after the grace period.</summary>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        try
        {
            if (!_process.HasExited)
            {
                _ = Kill(_process.Id, signal);
                using var timeout = new CancellationTokenSource(grace);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            File.Delete(_pidFile);
        }
    }

    /// <summary>
    /// Stops processes recorded in pid files by an earlier run that did not stop them (a crash, kill -9).
    /// A pid is only signalled when its start time still matches, so a recycled pid is never touched.
    /// </summary>
    public static async Task<int> StopLeftoversAsync(string runDirectory, Action<string> report)
    {
        if (!Directory.Exists(runDirectory))
        {
            return 0;
        }

        var stopped = 0;
        foreach (var pidFile in Directory.GetFiles(runDirectory, "*.pid"))
        {
            var parts = File.ReadAllText(pidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
                && StartTimeOf(pid) == parts[1] && parts[1].Length > 0)
            {
                report($"stopping leftover process {pid} ({Path.GetFileNameWithoutExtension(pidFile)}) from an earlier run");
                _ = Kill(pid, SigTerm);
                for (var i = 0; i < 100 && StartTimeOf(pid) == parts[1]; i++)
                {
                    await Task.Delay(100);
                }

                if (StartTimeOf(pid) == parts[1])
                {
                    _ = Kill(pid, SigKill);
                }

                stopped++;
            }

            File.Delete(pidFile);
        }

        return stopped;
    }

    /// <summary>The process start time in clock ticks since boot (field 22 of /proc/pid/stat), or "" when gone.</summary>
    public static string StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // afterName[0] is field 3 (state); a zombie has exited already.
            return afterName[0] == "Z" ? "" : afterName[19];
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
