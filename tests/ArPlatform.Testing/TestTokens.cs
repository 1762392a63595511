using System.Security.Claims;
using System.Security.Cryptography;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ArPlatform.Testing;

/// <summary>Access tokens shaped like the identity service's, signed with a key only the tests know.</summary>
public static class TestTokens
{
    public static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static string Issue(Guid? tenant, params string[] scopes) => Issue(tenant, Key, "test-client", scopes);

    /// <summary>A token of another API client (<paramref name="clientId"/>) of the tenant.</summary>
    public static string IssueForClient(Guid tenant, string clientId, params string[] scopes) => Issue(tenant, Key, clientId, scopes);

    /// <summary>The same token signed with a key the service does not trust.</summary>
    public static string IssueWithUnknownKey(Guid? tenant, params string[] scopes) =>
        Issue(tenant, new RsaSecurityKey(RSA.Create(2048)) { KeyId = "attacker" }, "test-client", scopes);

    private static string Issue(Guid? tenant, SecurityKey key, string clientId, string[] scopes)
    {
        var claims = new List<Claim> { new("sub", clientId), new("client_id", clientId), new("scope", string.Join(' ', scopes)) };
        if (tenant is { } t)
        {
            claims.Add(new Claim(PlatformAuth.TenantClaim, t.ToString()));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = PlatformAuth.DefaultIssuer,
            Audience = PlatformAuth.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
