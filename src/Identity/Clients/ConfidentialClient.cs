using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ArPlatform.Identity.Clients;

/// <summary>How a partner's API client (and the platform-admin client) is registered with the token server.</summary>
public static class ConfidentialClient
{
    /// <summary>A confidential client that gets tokens by client credentials, for <paramref name="scopes"/> only.</summary>
    public static OpenIddictApplicationDescriptor Descriptor(string clientId, string secret, string name, IEnumerable<string> scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        return descriptor;
    }
}
