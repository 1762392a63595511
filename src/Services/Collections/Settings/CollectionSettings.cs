using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Settings;

public sealed record Spoc(string Name, string? Email, string? Phone);

public sealed record Department(string Name, string[] Reasons, string? ContactName, string Email, int ResponseHours);

/// <summary>A tenant's collection settings: the client's SPOC, promise grace days, the departments disputes go to.</summary>
public sealed class CollectionSettings : ITenantOwned
{
    public const int DefaultSpocResponseHours = 48;

    public Guid TenantId { get; set; }

    public string? ClientName { get; set; }

    public Spoc? Spoc { get; set; }

    public int PromiseGraceDays { get; set; }

    public List<Department> Departments { get; set; } = [];

    /// <summary>The largest credit a team lead may approve; above it, only the client's approver. Null: no limit.</summary>
    public decimal? CreditApprovalLimit { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
