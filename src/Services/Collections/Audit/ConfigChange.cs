using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Audit;

/// <summary>What a change record is about.</summary>
public static class AuditedEntities
{
    public const string Template = "template";
    public const string Settings = "settings";
    public const string Strategy = "strategy";
    public const string AgingBuckets = "aging-buckets";

    /// <summary>A dispute resolved with a credit: what a customer owes reduced without cash.</summary>
    public const string DisputeCredit = "dispute-credit";

    public static readonly IReadOnlyList<string> All = [Template, Settings, Strategy, AgingBuckets, DisputeCredit];
}

/// <summary>
/// One privileged change of the tenant's collections: who made it, with which authority, when, and the value before
/// and after (JSON; no old value when the thing was created). Written in the transaction of the change; never updated.
/// </summary>
public sealed class ConfigChange : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Entity { get; set; }

    /// <summary>Which one: the template's or strategy's code, the dispute's id; null for the tenant's settings and buckets.</summary>
    public string? Key { get; set; }

    public required string ChangedBy { get; set; }

    public string? ChangedByName { get; set; }

    /// <summary>The role (or "api-client") the change was made with.</summary>
    public required string Authority { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string? OldValue { get; set; }

    public required string NewValue { get; set; }
}
