using System.Security.Cryptography;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace ArPlatform.Identity.Tokens;

/// <summary>
/// An RSA key (the one that signs access tokens, or the one that encrypts codes and refresh tokens): generated once
/// per environment, kept in the identity database encrypted with the <see cref="KeyEncryptionKey"/> (ADR 0028).
/// </summary>
public sealed class SigningKey
{
    public const string PrimaryId = "primary";

    /// <summary>The key that encrypts authorization codes and refresh tokens (read only by Identity).</summary>
    public const string EncryptionId = "encryption";

    public required string Id { get; set; }

    /// <summary>The PKCS#8 PEM, protected with the key-encryption key (a key stored before that is protected at its next load).</summary>
    public required string PrivateKeyPem { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class SigningKeyStore(IServiceScopeFactory scopes, TimeProvider clock, KeyEncryptionKey kek)
{
    private readonly Lazy<RsaSecurityKey> _key = new(() => LoadOrCreate(scopes, clock, kek, SigningKey.PrimaryId));
    private readonly Lazy<RsaSecurityKey> _encryptionKey = new(() => LoadOrCreate(scopes, clock, kek, SigningKey.EncryptionId));

    public RsaSecurityKey Key => _key.Value;

    public RsaSecurityKey EncryptionKey => _encryptionKey.Value;

    /// <summary>
    /// Loads the key, creating it on first start. Replicas race on the insert; the loser reads the winner's key.
    /// </summary>
    private static RsaSecurityKey LoadOrCreate(IServiceScopeFactory scopes, TimeProvider clock, KeyEncryptionKey kek, string id)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        using var rsa = RSA.Create(2048);
        var purpose = Purpose(id);
        db.Database.ExecuteSql($"""
            INSERT INTO signing_keys (id, private_key_pem, created_at)
            VALUES ({id}, {kek.Protect(rsa.ExportPkcs8PrivateKeyPem(), purpose)}, {clock.GetUtcNow()})
            ON CONFLICT (id) DO NOTHING
            """);
        var stored = db.SigningKeys.AsNoTracking().Single(k => k.Id == id).PrivateKeyPem;
        string pem;
        if (KeyEncryptionKey.IsProtected(stored))
        {
            pem = kek.Unprotect(stored, purpose);
        }
        else
        {
            // Stored in the clear by an earlier release: protected now (the same key, so tokens already issued stay valid).
            pem = stored;
            db.Database.ExecuteSql($"UPDATE signing_keys SET private_key_pem = {kek.Protect(pem, purpose)} WHERE id = {id} AND private_key_pem = {stored}");
        }

        var key = RSA.Create();
        key.ImportFromPem(pem);
        var securityKey = new RsaSecurityKey(key);
        securityKey.KeyId = Base64UrlEncoder.Encode(securityKey.ComputeJwkThumbprint());
        return securityKey;
    }

    private static string Purpose(string id) => "identity signing key " + id;
}
