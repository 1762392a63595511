using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Disputes;

public static class DisputeReasons
{
    public static readonly IReadOnlyList<string> All = Contracts.CollectionsVocabulary.DisputeReasons;
}

public static class DisputeStatuses
{
    public const string Open = "open";
    public const string InReview = "in review";
    public const string Resolved = "resolved";

    public static bool IsActive(string status) => status is Open or InReview;
}

public static class DisputeOutcomes
{
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Partial = "partial";

    public static readonly IReadOnlyList<string> All = [Valid, Invalid, Partial];
}

/// <summary>A customer's dispute of (part of) an invoice, routed to the client's department for its reason with an SLA.</summary>
public sealed class Dispute : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid InvoiceId { get; set; }

    public required string InvoiceNumber { get; set; }

    public decimal Amount { get; set; }

    public required string Reason { get; set; }

    public string? Notes { get; set; }

    public required string Status { get; set; }

    /// <summary>The department (or "SPOC") it was routed to, null when nobody is set up for it.</summary>
    public string? RoutedTo { get; set; }

    public string? RoutedToEmail { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateOnly RaisedOn { get; set; }

    public DateTimeOffset? SlaDueAt { get; set; }

    public DateTimeOffset? SlaBreachedAt { get; set; }

    public string? Outcome { get; set; }

    public decimal? CreditAmount { get; set; }

    public string? ResolutionNotes { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public Guid? ActivityId { get; set; }

    public string? RaisedBy { get; set; }

    /// <summary>Who resolved it (a person's subject or an API client's id), their name and the authority they acted with.</summary>
    public string? ResolvedBy { get; set; }

    public string? ResolvedByName { get; set; }

    public string? ResolvedAs { get; set; }
}
