namespace ArPlatform.EndToEnd.Tests;

/// <summary>
/// The test classes that share one <see cref="PlatformFixture"/>: starting the whole platform is the costliest thing in
/// the test run, and their tests keep apart by working in tenants of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
