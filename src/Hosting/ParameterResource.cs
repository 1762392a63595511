using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArPlatform.Hosting;

/// <summary>Where a parameter's value came from.</summary>
public enum ParameterSource
{
    Configured,
    Saved,
    Generated,
}

/// <summary>
/// A value supplied from configuration (<c>Parameters:{name}</c>), as in Aspire. A secret that is not configured is
/// generated on first start and saved in the data folder (parameters.json, 0600); its value is never logged, and
/// is kept out of every log line (<see cref="ResourceLogger.AddSecret"/>). The AppHost shows the one a person needs
/// (the admin client secret) once on the console, on the start that generated it.
/// </summary>
public sealed class ParameterResource(string name, bool secret, bool generate) : IResource
{
    private string? _value;

    public string Name { get; } = name;

    public bool Secret { get; } = secret;

    public bool Generate { get; } = generate;

    public string Value => _value ?? throw new InvalidOperationException($"Parameter '{Name}' has not been resolved yet.");

    public ParameterSource Source { get; private set; }

    /// <summary>The file a saved or generated value is kept in.</summary>
    public string? SavedIn { get; private set; }

    internal void Resolve(Microsoft.Extensions.Configuration.IConfiguration configuration, string dataDirectory, ResourceLogger logger)
    {
        (_value, Source) = ResolveValue(configuration, dataDirectory, logger);
        if (Secret)
        {
            logger.AddSecret(_value);
        }
    }

    private (string Value, ParameterSource Source) ResolveValue(Microsoft.Extensions.Configuration.IConfiguration configuration, string dataDirectory, ResourceLogger logger)
    {
        var configured = configuration[$"Parameters:{Name}"];
        if (!string.IsNullOrEmpty(configured))
        {
            return (configured, ParameterSource.Configured);
        }

        var file = Path.Combine(dataDirectory, "parameters.json");
        SavedIn = file;
        var saved = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? [] : [];
        if (saved[Name]?.GetValue<string>() is { Length: > 0 } value)
        {
            return (value, ParameterSource.Saved);
        }

        if (!Generate)
        {
            throw new InvalidOperationException(
                $"Parameter '{Name}' has no value: set the configuration key Parameters:{Name} (environment variable Parameters__{Name}).");
        }

        var generated = NewSecret();
        saved[Name] = generated;
        PrivateFiles.WriteAllText(file, saved.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        logger.Info($"generated parameter '{Name}' (saved in {file})");
        return (generated, ParameterSource.Generated);
    }

    /// <summary>Sets the value directly, for test hosts.</summary>
    public void SetValue(string value) => _value = value;

    internal static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');
}
