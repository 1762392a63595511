namespace ArPlatform.Hosting;

/// <summary>
/// The data folder holds passwords (parameters.json, server configuration) and logs: its folders are 0700 and its
/// files 0600, for the user who runs the platform alone. Modes are set on existing folders and files too, so a
/// folder made by an earlier version is closed on the next start.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }

        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
        return path;
    }

    /// <summary>Opens a file for writing that is 0600 from its creation on (never readable by others, not for a moment).</summary>
    public static FileStream Open(string path, System.IO.FileMode mode, FileShare share = FileShare.Read, FileAccess access = FileAccess.Write)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, options);
        }

        options.UnixCreateMode = FileMode;
        var stream = new FileStream(path, options);
        File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
        return stream;
    }

    public static void WriteAllText(string path, string text)
    {
        using var writer = new StreamWriter(Open(path, System.IO.FileMode.Create));
        writer.Write(text);
    }

    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(Open(path, System.IO.FileMode.Create));
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }
}
