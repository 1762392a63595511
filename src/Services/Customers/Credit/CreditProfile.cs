using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Customers;
using ArPlatform.ServiceDefaults.Http;

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

/// <summary>The rules of a credit limit and of its change, whoever sets it (the API, a credit decision, the customer import).</summary>
public static class CreditLimits
{
    /// <summary>The rules for any credit limit amount: given, not negative, in paise, not absurd.</summary>
    public static Validation Limit(this Validation validation, string field, decimal? limit) => validation
        .Required(field, limit)
        .When(limit is < 0, field, "must not be negative.")
        .When(limit is { } l && decimal.Round(l, 2) != l, field, "must have at most two decimal places (paise).")
        .When(limit >= 10_000_000_000_000_000m, field, "is too large.");

    /// <summary>Sets the customer's limit and returns the history row that keeps the change.</summary>
    public static CreditLimitChange Change(Customer customer, decimal limit, string reason, string changedBy, DateTimeOffset now)
    {
        var change = new CreditLimitChange
        {
            Id = Ids.NewVersion7(now),
            TenantId = customer.TenantId,
            CustomerId = customer.Id,
            OldLimit = customer.CreditLimit,
            NewLimit = limit,
            Reason = reason.Length > 500 ? reason[..500] : reason,
            ChangedBy = changedBy,
            ChangedAt = now,
        };
        customer.CreditLimit = limit;
        return change;
    }
}

/// <summary>The credit block of GET /api/v1/customers/{id}.</summary>
public sealed record CreditResponse(decimal? Limit, decimal Exposure, bool OnHold, string? HoldReason, string? RiskRating, ArPlatform.Contracts.CustomerTerms? Terms);

public sealed record CreditLimitRequest([property: Range(0, 1e16, MaximumIsExclusive = true)] decimal? Limit, [property: MaxLength(500)] string? Reason);

public sealed record HoldRequest([property: MaxLength(500)] string? Reason);

public sealed record CreditLimitChangeResponse(decimal? OldLimit, decimal NewLimit, string Reason, string ChangedBy, DateTimeOffset ChangedAt);
