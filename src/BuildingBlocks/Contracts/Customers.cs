using System.ComponentModel.DataAnnotations;
namespace ArPlatform.Contracts;

/// <summary>Payment terms: due <see cref="NetDays"/> after the invoice date, optional early-payment discount.</summary>
public sealed record CustomerTerms(
    [property: Range(0, 3650)] int NetDays, [property: Range(0, 100, MinimumIsExclusive = true, MaximumIsExclusive = true)] decimal? DiscountPercent = null, [property: Range(1, 3650)] int? DiscountDays = null);

public sealed record CustomerRegistered(
    Guid TenantId, Guid CustomerId, string Code, string Name, string? Gstin, DateTimeOffset RegisteredAt, CustomerTerms? DefaultTerms = null, string? Type = null,
    string? AssignedCollector = null, string? Portfolio = null, string? Region = null, Guid? ParentId = null)
    : IIntegrationEvent;

/// <summary>A customer's credit limit changed (who, why, from what to what).</summary>
public sealed record CreditLimitChanged(
    Guid TenantId, Guid CustomerId, decimal? OldLimit, decimal NewLimit, string Reason, string ChangedBy, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>A customer was put on credit hold or released.</summary>
public sealed record CreditHoldChanged(
    Guid TenantId, Guid CustomerId, bool OnHold, string? Reason, decimal Exposure, decimal? CreditLimit, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>One factor of a risk score: what it is, its value in words and the points it added (0 = no risk).</summary>
public sealed record RiskFactor(string Factor, string Value, int Points);

/// <summary>A customer's risk rating moved (A best, E worst; null when there is no payment history yet), with the factors behind it.</summary>
public sealed record CustomerRiskChanged(
    Guid TenantId, Guid CustomerId, string? OldRating, string? NewRating, int Score, IReadOnlyList<RiskFactor> Factors, DateOnly ScoredOn)
    : IIntegrationEvent;

/// <summary>
/// A customer's details changed. Carries the whole current state of what other services copy (code, name, default
/// terms, collector, portfolio, status, region, parent in the distribution network), so a consumer simply overwrites its copy.
/// </summary>
public sealed record CustomerUpdated(
    Guid TenantId, Guid CustomerId, string Code, string Name, string? Gstin, CustomerTerms? DefaultTerms, string? AssignedCollector, string? Portfolio,
    string Status, DateTimeOffset UpdatedAt, string? Type = null, string? Region = null, Guid? ParentId = null) : IIntegrationEvent;

/// <summary>
/// Many customers registered together by a CSV import: one message instead of thousands. Consumers treat each customer
/// as a <see cref="CustomerRegistered"/> of the batch's tenant at the batch's time. The message is written, relayed and
/// read in every service that copies customers, so it is kept small: the customers are in columns (the i-th entry of
/// every array is the i-th customer, like <see cref="InvoiceBatchIssued"/>), and a column no customer of the batch has
/// a value in is left out (null). ADR 0012 has the sizes.
/// </summary>
public sealed record CustomersRegistered(
    Guid TenantId,
    DateTimeOffset RegisteredAt,
    Guid[] CustomerIds,
    string[] Codes,
    string[] Names,
    string?[]? Gstins,
    int?[]? NetDays,
    decimal?[]? DiscountPercents,
    int?[]? DiscountDays,
    string?[]? Types = null,
    string?[]? AssignedCollectors = null,
    string?[]? Portfolios = null,
    string?[]? Regions = null,
    Guid?[]? ParentIds = null) : IIntegrationEvent
{
    public int Count => CustomerIds.Length;

    public static CustomersRegistered Of(Guid tenantId, DateTimeOffset registeredAt, IReadOnlyList<RegisteredCustomer> customers) => new(
        tenantId,
        registeredAt,
        [.. customers.Select(c => c.CustomerId)],
        [.. customers.Select(c => c.Code)],
        [.. customers.Select(c => c.Name)],
        ColumnOrNull(customers, c => c.Gstin),
        ColumnOrNull(customers, c => c.DefaultTerms?.NetDays),
        ColumnOrNull(customers, c => c.DefaultTerms?.DiscountPercent),
        ColumnOrNull(customers, c => c.DefaultTerms?.DiscountDays),
        ColumnOrNull(customers, c => c.Type),
        ColumnOrNull(customers, c => c.AssignedCollector),
        ColumnOrNull(customers, c => c.Portfolio),
        ColumnOrNull(customers, c => c.Region),
        ColumnOrNull(customers, c => c.ParentId));

    /// <summary>The i-th customer's default terms, if it has any.</summary>
    public CustomerTerms? TermsAt(int i) => NetDays?[i] is { } netDays ? new CustomerTerms(netDays, DiscountPercents?[i], DiscountDays?[i]) : null;

    private static T?[]? ColumnOrNull<T>(IReadOnlyList<RegisteredCustomer> customers, Func<RegisteredCustomer, T?> value) =>
        customers.Any(c => value(c) is not null) ? [.. customers.Select(value)] : null;
}

/// <summary>One customer of a <see cref="CustomersRegistered"/> batch, as it is built.</summary>
public sealed record RegisteredCustomer(
    Guid CustomerId, string Code, string Name, string? Gstin, CustomerTerms? DefaultTerms = null, string? Type = null, string? AssignedCollector = null, string? Portfolio = null,
    string? Region = null, Guid? ParentId = null);
