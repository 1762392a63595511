using System.Net;
using ArPlatform.Testing;
using Npgsql;
using static ArPlatform.Identity.Tests.IdentityApiTests;

namespace ArPlatform.Identity.Tests;

/// <summary>What Identity keeps of its keys: the token signing and encryption keys and the data-protection key ring are encrypted in the database.</summary>
public sealed class KeysAtRestTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string AdminSecret = "identity-test-admin-secret";
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "identitydb",
        new Dictionary<string, string> { ["Identity:AdminClientSecret"] = AdminSecret });

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Signing_and_encryption_keys_and_data_protection_keys_are_stored_encrypted()
    {
        var anonymous = _service!.ClientFor(null);
        // A token (the signing key), the sign-in page (the data-protection key ring, for its anti-forgery token).
        await TokenAsync(anonymous, "platform-admin", AdminSecret);
        using var page = await anonymous.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        await using var connection = new NpgsqlConnection(_service.Database.Admin);
        await connection.OpenAsync();
        await using (var keys = new NpgsqlCommand("SELECT id, private_key_pem FROM signing_keys", connection))
        await using (var reader = await keys.ExecuteReaderAsync())
        {
            var count = 0;
            while (await reader.ReadAsync())
            {
                count++;
                Assert.DoesNotContain("PRIVATE KEY", reader.GetString(1), StringComparison.Ordinal);
            }

            Assert.True(count >= 1, "no signing key was stored");
        }

        await using var ring = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var ringReader = await ring.ExecuteReaderAsync();
        var ringKeys = 0;
        while (await ringReader.ReadAsync())
        {
            ringKeys++;
            var xml = ringReader.GetString(0);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        }

        Assert.True(ringKeys >= 1, "no data-protection key was stored");
    }
}
