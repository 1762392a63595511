using System.Security.Cryptography;
using ArPlatform.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace ArPlatform.Identity.Tokens;

/// <summary>The RSA key that signs access tokens: generated once per environment, kept in the identity database.</summary>
public sealed class SigningKey
{
    public const string PrimaryId = "primary";

    public required string Id { get; set; }

    public required string PrivateKeyPem { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class SigningKeyStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly Lazy<RsaSecurityKey> _key = new(() => LoadOrCreate(scopes, clock));

    public RsaSecurityKey Key => _key.Value;

    /// <summary>
    /// Loads the key, creating it on first start. Replicas race on the insert; the loser reads the winner's key.
    /// </summary>
    private static RsaSecurityKey LoadOrCreate(IServiceScopeFactory scopes, TimeProvider clock)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        using var rsa = RSA.Create(2048);
        db.Database.ExecuteSql($"""
            INSERT INTO signing_keys (id, private_key_pem, created_at)
            VALUES ({SigningKey.PrimaryId}, {rsa.ExportPkcs8PrivateKeyPem()}, {clock.GetUtcNow()})
            ON CONFLICT (id) DO NOTHING
            """);
        var pem = db.SigningKeys.AsNoTracking().Single(k => k.Id == SigningKey.PrimaryId).PrivateKeyPem;
        var key = RSA.Create();
        key.ImportFromPem(pem);
        var securityKey = new RsaSecurityKey(key);
        securityKey.KeyId = Base64UrlEncoder.Encode(securityKey.ComputeJwkThumbprint());
        return securityKey;
    }
}
