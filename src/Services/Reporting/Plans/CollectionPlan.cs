using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Plans;

/// <summary>What the firm plans to collect in a month from one dealer (by customer code), one region or one collector.</summary>
public sealed class CollectionPlan : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }

    /// <summary>dealer, region or collector.</summary>
    public required string Dimension { get; set; }

    /// <summary>The dealer's customer code, the region or the collector.</summary>
    public required string Key { get; set; }

    public decimal Planned { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class PlanDimensions
{
    public const string Dealer = "dealer";
    public const string Region = "region";
    public const string Collector = "collector";

    public static readonly IReadOnlyList<string> All = [Dealer, Region, Collector];
}

/// <summary>One planned amount as sent: exactly one of <see cref="DealerCode"/>, <see cref="Region"/> and <see cref="Collector"/>.</summary>
public sealed record PlanRow(
    [property: MaxLength(50)] string? DealerCode, [property: MaxLength(20)] string? Region, [property: MaxLength(100)] string? Collector, decimal? Planned);

public sealed record PlanRequest([property: MaxLength(CollectionPlans.MaxRows)] List<PlanRow?>? Rows);

public sealed record PlanResponse(string Month, int Rows, IReadOnlyList<PlanRow> Planned, IReadOnlyDictionary<string, decimal> TotalByDimension);

/// <summary>A group's plan against what it collected in the month, with the dealer hierarchy rolled up.</summary>
public sealed record PlanVsActualRow(
    string Key, string? Code, string? Name, Guid? ParentId, decimal Planned, decimal Collected, decimal? AchievementPercent, decimal Shortfall);

public sealed record PlanVsActual(string Month, string GroupBy, DateOnly CollectedThrough, decimal Planned, decimal Collected, decimal? AchievementPercent,
    IReadOnlyList<PlanVsActualRow> Rows);
