using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Dunning;

public static class DunningActions
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Letter = "letter";
    public const string CallTask = "call-task";
    public const string VisitTask = "visit-task";
    public const string EscalateToSpoc = "escalate-to-spoc";
    public const string FinalNotice = "final-notice";
    public const string CreditHold = "credit-hold";
    public const string AgencyReferral = "agency-referral";

    public static readonly IReadOnlyList<string> All = [Email, Sms, Letter, CallTask, VisitTask, EscalateToSpoc, FinalNotice, CreditHold, AgencyReferral];
}

/// <summary>Which accounts a strategy is for: every list given must contain the account's value (an empty or absent list matches all).</summary>
public sealed record StrategyScope(string[]? RiskRatings = null, string[]? CustomerTypes = null, string[]? Portfolios = null, decimal? MinOverdueAmount = null)
{
    public bool Matches(string? riskRating, string? customerType, string? portfolio) =>
        In(RiskRatings, riskRating) && In(CustomerTypes, customerType) && In(Portfolios, portfolio);

    private static bool In(string[]? values, string? value) =>
        values is not { Length: > 0 } || (value is not null && values.Contains(value, StringComparer.OrdinalIgnoreCase));
}

/// <summary>One step of a strategy: on <see cref="DayOffset"/> days from an item's due date (negative: before), <see cref="Action"/>.</summary>
public sealed record DunningStep(string Code, string Name, int DayOffset, string Action, string? ContactLevel = null, string? Template = null, string? AssignTo = null);

/// <summary>A tenant's dunning strategy: its steps in day-offset order, and the accounts it applies to.</summary>
public sealed class DunningStrategy : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Of the strategies whose scope matches an account, the highest priority applies.</summary>
    public int Priority { get; set; }

    public StrategyScope AppliesTo { get; set; } = new();

    public List<DunningStep> Steps { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The strategy a tenant without its own gets, and that applies to every account no strategy of the tenant matches.</summary>
public static class DefaultStrategy
{
    public const string Code = "default";

    public static DunningStrategy For(Guid tenant) => new()
    {
        TenantId = tenant,
        Code = Code,
        Name = "Standard B2B collection",
        Priority = int.MinValue,
        Steps =
        [
            new("courtesy", "Courtesy reminder before due", -3, DunningActions.Email, "L1", "courtesy-reminder"),
            new("reminder", "Payment reminder", 1, DunningActions.Email, "L1", "payment-reminder"),
            new("call", "Collector's call", 7, DunningActions.CallTask, "L1"),
            new("letter-l2", "Letter to the finance manager", 15, DunningActions.Letter, "L2", "letter-l2"),
            new("letter-l3", "Letter to upper management", 30, DunningActions.Letter, "L3", "letter-l3"),
            new("spoc", "Escalation to the client's SPOC", 45, DunningActions.EscalateToSpoc, null, "spoc-escalation"),
            new("final-notice", "Final notice", 60, DunningActions.FinalNotice, "L3", "final-notice"),
            new("agency", "Referral to a collection agency", 90, DunningActions.AgencyReferral, null, "agency-referral"),
        ],
    };
}
