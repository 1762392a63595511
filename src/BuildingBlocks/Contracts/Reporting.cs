namespace ArPlatform.Contracts;

/// <summary>
/// A tenant set its aging buckets in Reporting: <see cref="UpperBounds"/> are the upper bounds in days past due after
/// "Not due" (e.g. [30, 60, 90, 180] for Not due, 1-30, 31-60, 61-90, 91-180, 180+). Services that show aging keep a copy.
/// <see cref="ChangedBy"/> (a person's subject or an API client's id) is kept in the audit of configuration changes.
/// </summary>
public sealed record AgingBucketsChanged(
    Guid TenantId, int[] UpperBounds, DateTimeOffset ChangedAt, string? ChangedBy = null, string? ChangedByName = null, string? ChangedByAuthority = null) : IIntegrationEvent;
