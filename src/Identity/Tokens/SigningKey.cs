using System.Security.Cryptography;
using ArPlatform.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace ArPlatform.Identity.Tokens;

/// <summary>An RSA key (the one that signs access tokens, or the one that encrypts codes and refresh tokens): generated once per environment, kept in the identity database.</summary>
public sealed class SigningKey
{
    public const string PrimaryId = "primary";

    /// <summary>The key that encrypts authorization codes and refresh tokens (read only by Identity).</summary>
    public const string EncryptionId = "encryption";

    public required string Id { get; set; }

    public required string PrivateKeyPem { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class SigningKeyStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly Lazy<RsaSecurityKey> _key = new(() => LoadOrCreate(scopes, clock, SigningKey.PrimaryId));
    private readonly Lazy<RsaSecurityKey> _encryptionKey = new(() => LoadOrCreate(scopes, clock, SigningKey.EncryptionId));

    public RsaSecurityKey Key => _key.Value;

    public RsaSecurityKey EncryptionKey => _encryptionKey.Value;

    /// <summary>
    /// Loads the key, creating it on first start. Replicas race on the insert; the loser reads the winner's key.
    /// </summary>
    private static RsaSecurityKey LoadOrCreate(IServiceScopeFactory scopes, TimeProvider clock, string id)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        using var rsa = RSA.Create(2048);
        db.Database.ExecuteSql($"""
            INSERT INTO signing_keys (id, private_key_pem, created_at)
            VALUES ({id}, {rsa.ExportPkcs8PrivateKeyPem()}, {clock.GetUtcNow()})
            ON CONFLICT (id) DO NOTHING
            """);
        var pem = db.SigningKeys.AsNoTracking().Single(k => k.Id == id).PrivateKeyPem;
        var key = RSA.Create();
        key.ImportFromPem(pem);
        var securityKey = new RsaSecurityKey(key);
        securityKey.KeyId = Base64UrlEncoder.Encode(securityKey.ComputeJwkThumbprint());
        return securityKey;
    }
}
