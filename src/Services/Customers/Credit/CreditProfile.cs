using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Customers.Credit;

/// <summary>One change of a customer's credit limit: who, when, why, from what to what. Never edited.</summary>
public sealed class CreditLimitChange : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public decimal? OldLimit { get; set; }

    public decimal NewLimit { get; set; }

    public required string Reason { get; set; }

    /// <summary>The API client (or person) that made the change, from the token.</summary>
    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>The credit block of GET /api/v1/customers/{id}.</summary>
public sealed record CreditResponse(decimal? Limit, decimal Exposure, bool OnHold, string? HoldReason, string? RiskRating, ArPlatform.Contracts.CustomerTerms? Terms);

public sealed record CreditLimitRequest([property: Range(0, 1e16, MaximumIsExclusive = true)] decimal? Limit, [property: MaxLength(500)] string? Reason);

public sealed record HoldRequest([property: MaxLength(500)] string? Reason);

public sealed record CreditLimitChangeResponse(decimal? OldLimit, decimal NewLimit, string Reason, string ChangedBy, DateTimeOffset ChangedAt);
