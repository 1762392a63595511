using System.Globalization;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Risk;

namespace ArPlatform.Customers.Credit;

/// <summary>A request for a credit limit and the decision on it; an override by a person is kept beside the automatic decision.</summary>
public sealed class CreditRequest : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public decimal RequestedLimit { get; set; }

    public required string Reason { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The limit before the request.</summary>
    public decimal? PreviousLimit { get; set; }

    /// <summary>One of <see cref="CreditDecisions"/>: the automatic decision.</summary>
    public required string Decision { get; set; }

    public decimal? ApprovedLimit { get; set; }

    /// <summary>The factors behind the decision as JSON: [{factor, value, effect}].</summary>
    public string Reasons { get; set; } = "[]";

    public string? OverrideDecision { get; set; }

    public decimal? OverrideLimit { get; set; }

    public string? OverrideNote { get; set; }

    public string? OverriddenBy { get; set; }

    public DateTimeOffset? OverriddenAt { get; set; }
}

/// <summary>A factor of a credit decision, its value, and how it weighed: supports, limits or against.</summary>
public sealed record CreditReason(string Factor, string Value, string Effect);

/// <summary>What a credit decision looks at.</summary>
public sealed record CreditFacts(
    decimal RequestedLimit, decimal? CurrentLimit, decimal Exposure, bool OnHold, bool HoldAutomatic, string? HoldReason, RiskScore Risk,
    PaymentBehaviour Behaviour, int RelationshipDays, decimal MonthlyBilling);

public sealed record CreditDecision(string Decision, decimal? ApprovedLimit, IReadOnlyList<CreditReason> Reasons);

/// <summary>
/// The credit decision rules (ADR 0007). A request at or below the current limit is approved. Otherwise: an automatic
/// hold or rating E is declined; a hold by hand, rating D, no rating yet or a relationship under 90 days is referred to
/// a person. Ratings A-C are supported up to 3, 2 or 1.5 times the average monthly billing of the last 12 months (never
/// below the current limit): a request within it is approved; above it, the supported amount (rounded down to the
/// thousand) is approved instead when it still covers the exposure, and the request is referred when it does not.
/// </summary>
public static class CreditDecisions
{
    public const string Approved = "approved";
    public const string ApprovedLower = "approved-lower";
    public const string Referred = "referred";
    public const string Declined = "declined";

    public static readonly IReadOnlyList<string> All = [Approved, ApprovedLower, Referred, Declined];

    public const int MinimumRelationshipDays = 90;

    public static decimal? BillingMultiple(string? rating) => rating switch { "A" => 3m, "B" => 2m, "C" => 1.5m, _ => null };

    public static CreditDecision Decide(CreditFacts f)
    {
        var c = CultureInfo.InvariantCulture;
        var rating = f.Risk.Rating;
        var multiple = BillingMultiple(rating);
        var supported = multiple is { } m ? Math.Max(Math.Floor(f.MonthlyBilling * m / 1000m) * 1000m, f.CurrentLimit ?? 0m) : (decimal?)null;
        var reasons = new List<CreditReason>
        {
            new("riskRating", rating is null ? "not rated (no payment history)" : $"{rating} (score {f.Risk.Score})",
                rating switch { "A" or "B" or "C" => "supports", "E" => "against", _ => "limits" }),
            new("paymentHistory", f.Behaviour.Payments == 0 ? "no payments yet"
                    : string.Format(c, "{0} payments, {1:0.0} days late on average, {2:0%} of invoices settled late", f.Behaviour.Payments,
                        f.Behaviour.AverageDaysLate ?? 0, f.Behaviour.ShareSettledLate ?? 0),
                f.Behaviour.Payments == 0 ? "limits" : (f.Behaviour.AverageDaysLate ?? 0) <= 15 ? "supports" : "against"),
            new("exposure", string.Format(c, "{0:0.00} open, {1:0.00} overdue, current limit {2}", f.Exposure, f.Behaviour.OverdueAmount,
                    f.CurrentLimit?.ToString("0.00", c) ?? "none"),
                f.Behaviour.OverdueAmount > 0 ? "against" : f.Exposure > f.RequestedLimit ? "limits" : "supports"),
            new("relationshipAge", $"{f.RelationshipDays} days", f.RelationshipDays >= MinimumRelationshipDays ? "supports" : "limits"),
            new("monthlyBilling", string.Format(c, "{0:0.00} a month over the last 12 months{1}", f.MonthlyBilling,
                    supported is { } s ? string.Format(c, "; supports a limit of {0:0.00} at rating {1}", s, rating) : ""),
                supported is { } s2 && s2 >= f.RequestedLimit ? "supports" : "limits"),
        };
        if (f.OnHold)
        {
            reasons.Add(new("creditHold", $"{(f.HoldAutomatic ? "automatic" : "by hand")}: {f.HoldReason}", "against"));
        }

        if (f.RequestedLimit <= (f.CurrentLimit ?? 0m))
        {
            reasons.Add(new("requestedLimit", "not above the current limit", "supports"));
            return new(Approved, f.RequestedLimit, reasons);
        }

        var unchanged = f.CurrentLimit;
        if (f.OnHold && f.HoldAutomatic || rating == "E")
        {
            return new(Declined, unchanged, reasons);
        }

        if (f.OnHold || rating is null or "D" || f.RelationshipDays < MinimumRelationshipDays)
        {
            return new(Referred, unchanged, reasons);
        }

        if (f.RequestedLimit <= supported)
        {
            return new(Approved, f.RequestedLimit, reasons);
        }

        return supported > (f.CurrentLimit ?? 0m) && supported >= f.Exposure
            ? new(ApprovedLower, supported, reasons)
            : new(Referred, unchanged, reasons);
    }
}
