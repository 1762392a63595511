using ArPlatform.ServiceDefaults.Security;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Users;

/// <summary>A person of the firm or of a client: signs in with a password, acts for the tenants granted (all of them, or a list).</summary>
public sealed class StaffUser
{
    public Guid Id { get; set; }

    /// <summary>Lower case; unique.</summary>
    public required string Email { get; set; }

    public required string Name { get; set; }

    public List<string> Roles { get; set; } = [];

    public bool AllTenants { get; set; }

    public List<Guid> Tenants { get; set; } = [];

    /// <summary>What customers' <c>assignedCollector</c> holds for this person: the email unless given.</summary>
    public required string CollectorCode { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash; null until the person sets a password.</summary>
    public string? PasswordHash { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Wrong passwords since the last sign-in; at <see cref="StaffCredentials.LockoutThreshold"/> the account locks.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Sessions, refresh and access tokens from before this moment are over (the password was set or reset).</summary>
    public DateTimeOffset? SessionsEndedAt { get; set; }
}

/// <summary>A one-time link to set a password: only its SHA-256 is stored; it expires.</summary>
public sealed class SetPasswordToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>The staff roles and the scopes each one's tokens carry (the table in the README).</summary>
public static class StaffRoles
{
    public const string PlatformAdmin = StaffRoleNames.PlatformAdmin;
    public const string TeamLead = StaffRoleNames.TeamLead;
    public const string Collector = StaffRoleNames.Collector;
    public const string ClientViewer = StaffRoleNames.ClientViewer;
    public const string ClientApprover = StaffRoleNames.ClientApprover;

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ScopesOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [PlatformAdmin] = Scopes.All,
        [TeamLead] = [Scopes.CollectionsRead, Scopes.CollectionsWrite, Scopes.CollectionsAdmin, Scopes.CreditsApprove, Scopes.CustomersRead, Scopes.CustomersWrite, Scopes.InvoicesRead, Scopes.DocumentsRead, Scopes.ReportsRead],
        [Collector] = [Scopes.CollectionsRead, Scopes.CollectionsWrite, Scopes.CustomersRead, Scopes.InvoicesRead, Scopes.DocumentsRead],
        [ClientViewer] = [Scopes.CollectionsRead, Scopes.CustomersRead, Scopes.InvoicesRead, Scopes.DocumentsRead, Scopes.ReportsRead],
        [ClientApprover] = [Scopes.CollectionsRead, Scopes.CreditsApprove, Scopes.CustomersRead, Scopes.InvoicesRead, Scopes.DocumentsRead, Scopes.ReportsRead],
    };

    public static IReadOnlyList<string> All => [.. ScopesOf.Keys];
}
