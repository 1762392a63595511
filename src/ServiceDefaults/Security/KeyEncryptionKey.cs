using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.ServiceDefaults.Security;

/// <summary>
/// The key that encrypts the platform's keys where they are stored (ADR 0028): Identity's token signing and
/// encryption keys and the data-protection key rings (Identity's in its database, the workbench's in Redis). AES-256-GCM
/// with a key derived (HKDF-SHA256) from the secret <c>Security:KeyEncryptionKey</c> (at least 32 characters; the
/// AppHost generates one and keeps it in its user secrets; in Kubernetes a Secret). Without it a process outside
/// Development does not start; in Development a random one is created once in the user's own file
/// (<c>~/.config/arplatform/key-encryption-key</c>, readable by the user only). A value is
/// <c>kek1:{key fingerprint}:{base64 nonce, tag, ciphertext}</c>, bound to its purpose, so it cannot be moved to another.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string Setting = "Security:KeyEncryptionKey";
    private const string Prefix = "kek1:";
    private readonly byte[] _key;
    private readonly string _fingerprint;

    public KeyEncryptionKey(string secret)
    {
        if (secret.Length < 32)
        {
            throw new InvalidOperationException($"{Setting} must have at least 32 characters.");
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.ASCII.GetBytes("arplatform key-encryption-key v1"));
        _fingerprint = Convert.ToHexStringLower(SHA256.HashData(_key))[..8];
    }

    public static bool IsProtected(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string plaintext, string purpose)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[12 + 16 + data.Length];
        RandomNumberGenerator.Fill(blob.AsSpan(0, 12));
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(blob.AsSpan(0, 12), data, blob.AsSpan(28), blob.AsSpan(12, 16), Encoding.UTF8.GetBytes(purpose));
        return $"{Prefix}{_fingerprint}:{Convert.ToBase64String(blob)}";
    }

    public string Unprotect(string value, string purpose)
    {
        var parts = value.Split(':', 3);
        if (parts is not ["kek1", var fingerprint, var payload])
        {
            throw new CryptographicException("The value is not protected with a key-encryption key.");
        }

        if (fingerprint != _fingerprint)
        {
            throw new CryptographicException($"The value was protected with another key-encryption key ({fingerprint}; this one is {_fingerprint}): set {Setting} to the one it was stored with.");
        }

        var blob = Convert.FromBase64String(payload);
        var data = new byte[blob.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(blob.AsSpan(0, 12), blob.AsSpan(28), blob.AsSpan(12, 16), data, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Registers the key (read at first use) for the processes that store keys.</summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new KeyEncryptionKey(Secret(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>())));
        return services;
    }

    private static string Secret(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[Setting] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{Setting} is not set: the keys this process stores are encrypted with it. Give it a random secret of at least 32 characters " +
                "(the AppHost does; in Kubernetes, from a Secret), the same for every replica and kept across releases.");
        }

        var file = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "arplatform", "key-encryption-key");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(file, Encoding.ASCII, options);
                var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
                writer.Write(secret);
                return secret;
            }
            catch (IOException) when (File.Exists(file))
            {
                var existing = File.ReadAllText(file).Trim();
                if (existing.Length >= 32)
                {
                    return existing;
                }

                Thread.Sleep(20); // another process is writing it
            }
        }

        throw new InvalidOperationException($"{file} holds no key-encryption key: delete it and start again.");
    }
}

/// <summary>Data protection's key ring encrypted with the <see cref="KeyEncryptionKey"/>.</summary>
public static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeysWithKeyEncryptionKey(this IDataProtectionBuilder builder)
    {
        KeyEncryptionKey.Add(builder.Services);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<KeyEncryptionKey>((options, key) => options.XmlEncryptor = new KeyRingEncryptor(key));
        return builder;
    }
}

internal sealed class KeyRingEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public const string Purpose = "data-protection key ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("keyEncryptionKey", key.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose)), typeof(KeyRingDecryptor));
}

/// <summary>Created by data protection from its type name, with the service provider.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<KeyEncryptionKey>().Unprotect(encryptedElement.Value, KeyRingEncryptor.Purpose));
}
