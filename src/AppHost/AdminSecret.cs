namespace ArPlatform.AppHost;

/// <summary>
/// The platform-admin client's secret: <c>Parameters:admin-client-secret</c> when configured; otherwise generated on
/// the first start and kept by Aspire in the AppHost's user secrets, so every later start uses the same one.
/// </summary>
internal static class AdminSecret
{
    public static IResourceBuilder<ParameterResource> Add(IDistributedApplicationBuilder builder)
    {
        GeneratedThisStart = builder.ExecutionContext.IsRunMode && string.IsNullOrEmpty(builder.Configuration[ConfigurationKey]);
        return builder.AddParameter(ResourceNames.AdminClientSecret, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
    }

    public const string ConfigurationKey = $"Parameters:{ResourceNames.AdminClientSecret}";

    /// <summary>No value was configured or kept when the AppHost started: Aspire generates and keeps one now.</summary>
    public static bool GeneratedThisStart { get; private set; }
}
