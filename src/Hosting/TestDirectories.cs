using System.Globalization;

namespace ArPlatform.Hosting;

/// <summary>
/// Test hosts keep their servers in temporary folders. A test run that was killed leaves servers running there; the
/// next test host to start stops them and deletes the folder, so CI machines do not fill up with old servers.
/// </summary>
internal static class TestDirectories
{
    private const string OwnerFile = "owner.pid";

    public static async Task ClaimAndSweepAsync(string ownDirectory)
    {
        var self = Environment.ProcessId;
        await PrivateFiles.WriteAllTextAsync(Path.Combine(ownDirectory, OwnerFile), $"{self} {ManagedProcess.StartTimeOf(self)}");
        var parent = Path.GetDirectoryName(Path.GetFullPath(ownDirectory))!;
        foreach (var directory in Directory.GetDirectories(parent, "arplatform-*"))
        {
            try
            {
                if (Path.GetFullPath(directory) != Path.GetFullPath(ownDirectory) && IsAbandoned(directory))
                {
                    await ManagedProcess.StopLeftoversAsync(Path.Combine(directory, "run"), _ => { });
                    foreach (var resource in Directory.GetDirectories(directory))
                    {
                        await RabbitMQServerResource.StopLeftoverEpmdAsync(resource);
                    }

                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Test hosts starting together sweep the same folder at the same moment (files vanish under one of
                // them), or a file is still held: whatever is left is swept next time.
            }
        }
    }

    private static bool IsAbandoned(string directory)
    {
        var owner = Path.Combine(directory, OwnerFile);
        if (!File.Exists(owner))
        {
            return false;
        }

        var parts = File.ReadAllText(owner).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && ManagedProcess.StartTimeOf(pid) != parts[1];
    }
}
