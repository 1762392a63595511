using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Outcomes;

/// <summary>A promise to pay and, once Collections decided it, its outcome: what the kept rate counts.</summary>
public sealed class ReportPromise : ITenantOwned
{
    public Guid PromiseId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public decimal Amount { get; set; }

    public DateOnly PromisedDate { get; set; }

    /// <summary>open, kept or broken.</summary>
    public required string Status { get; set; }

    public decimal Collected { get; set; }

    /// <summary>When it was kept (the day the amount was covered) or broken (the day its grace ended).</summary>
    public DateOnly? DecidedOn { get; set; }
}

public static class PromiseStatuses
{
    public const string Open = "open";
    public const string Kept = "kept";
    public const string Broken = "broken";
}

/// <summary>A dispute: raised, routed with its SLA, and resolved.</summary>
public sealed class ReportDispute : ITenantOwned
{
    public Guid DisputeId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid InvoiceId { get; set; }

    public decimal Amount { get; set; }

    public DateOnly? RaisedOn { get; set; }

    /// <summary>The date its SLA ends (in India): open after it, it is past SLA.</summary>
    public DateOnly? SlaDueOn { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public string? Outcome { get; set; }
}
