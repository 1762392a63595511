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

    /// <summary>A staff member's token as Identity issues it at sign-in: the tenants granted (none: "all"), the collector code, no tenant of its own.</summary>
    public static string IssueStaff(Guid[]? tenants, string collectorCode, params string[] scopes)
    {
        var claims = new List<Claim> { new("sub", Guid.NewGuid().ToString()), new("client_id", PlatformAuth.WorkbenchClientId), new("scope", string.Join(' ', scopes)), new(PlatformAuth.CollectorClaim, collectorCode) };
        claims.AddRange(tenants is null ? [new Claim(PlatformAuth.TenantsClaim, PlatformAuth.AllTenants)] : tenants.Select(t => new Claim(PlatformAuth.TenantsClaim, t.ToString())));
        return Create(claims, Key);
    }

    /// <summary>A person's token for one tenant with <paramref name="role"/> (and the scopes Identity would give it), as the workbench holds it.</summary>
    public static string IssuePerson(Guid tenant, string role, string name, params string[] scopes)
    {
        var claims = new List<Claim>
        {
            new("sub", Guid.NewGuid().ToString()), new("name", name), new("client_id", PlatformAuth.WorkbenchClientId), new("scope", string.Join(' ', scopes)),
            new(PlatformAuth.RoleClaim, role), new(PlatformAuth.TenantsClaim, tenant.ToString()), new(PlatformAuth.CollectorClaim, name),
        };
        return Create(claims, Key);
    }

    private static string Issue(Guid? tenant, SecurityKey key, string clientId, string[] scopes)
    {
        var claims = new List<Claim> { new("sub", clientId), new("client_id", clientId), new("scope", string.Join(' ', scopes)) };
        if (tenant is { } t)
        {
            claims.Add(new Claim(PlatformAuth.TenantClaim, t.ToString()));
        }

        return Create(claims, key);
    }

    private static string Create(List<Claim> claims, SecurityKey key)
    {

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
