using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArPlatform.Hosting;

/// <summary>
/// A value supplied from configuration (<c>Parameters:{name}</c>), as in Aspire. A secret that is not configured is
/// generated on first start, saved in the data folder and printed once.
/// </summary>
public sealed class ParameterResource(string name, bool secret, bool generate) : IResource
{
    private string? _value;

    public string Name { get; } = name;

    public bool Secret { get; } = secret;

    public bool Generate { get; } = generate;

    public string Value => _value ?? throw new InvalidOperationException($"Parameter '{Name}' has not been resolved yet.");

    internal void Resolve(Microsoft.Extensions.Configuration.IConfiguration configuration, string dataDirectory, ResourceLogger logger)
    {
        var configured = configuration[$"Parameters:{Name}"];
        if (!string.IsNullOrEmpty(configured))
        {
            _value = configured;
            return;
        }

        var file = Path.Combine(dataDirectory, "parameters.json");
        var saved = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? [] : [];
        if (saved[Name]?.GetValue<string>() is { Length: > 0 } value)
        {
            _value = value;
            return;
        }

        if (!Generate)
        {
            throw new InvalidOperationException(
                $"Parameter '{Name}' has no value: set the configuration key Parameters:{Name} (environment variable Parameters__{Name}).");
        }

        _value = NewSecret();
        saved[Name] = _value;
        File.WriteAllText(file, saved.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        logger.Info($"generated parameter '{Name}' (saved in {file}; shown once): {_value}");
    }

    /// <summary>Sets the value directly, for test hosts.</summary>
    public void SetValue(string value) => _value = value;

    internal static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');
}
