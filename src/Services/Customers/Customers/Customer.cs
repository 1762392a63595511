using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;

namespace ArPlatform.Customers.Customers;

/// <summary>A business the tenant sells to on credit, identified by the tenant's own customer code.</summary>
public sealed class Customer : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    /// <summary>The legal name.</summary>
    public required string Name { get; set; }

    public string? TradeName { get; set; }

    /// <summary>corporate, dealer, distributor, government, psu or sez.</summary>
    public string Type { get; set; } = CustomerTypes.Corporate;

    /// <summary>active or inactive.</summary>
    public string Status { get; set; } = CustomerStatuses.Active;

    public string[] Tags { get; set; } = [];

    public string? Gstin { get; set; }

    public string? Pan { get; set; }

    /// <summary>The GST state code (from the GSTIN when there is one), its name and the region it belongs to.</summary>
    public string? StateCode { get; set; }

    public string? StateName { get; set; }

    public string? Region { get; set; }

    /// <summary>The customer above this one in the distribution network (a distributor above its dealers).</summary>
    public Guid? ParentId { get; set; }

    /// <summary>Ids from the root down to this customer, "/root/.../id/": a subtree is every path with this prefix.</summary>
    public required string HierarchyPath { get; set; }

    public string? AssignedCollector { get; set; }

    public string? Portfolio { get; set; }

    /// <summary>Addresses as JSON: [{kind, line1, line2, city, stateCode, pincode}].</summary>
    public string Addresses { get; set; } = "[]";

    /// <summary>Default payment terms that new invoices inherit when they give neither a due date nor terms.</summary>
    public int? DefaultNetDays { get; set; }

    public decimal? DefaultDiscountPercent { get; set; }

    public int? DefaultDiscountDays { get; set; }

    public CustomerTerms? DefaultTerms => DefaultNetDays is { } net ? new CustomerTerms(net, DefaultDiscountPercent, DefaultDiscountDays) : null;

    public decimal? CreditLimit { get; set; }

    /// <summary>What is open on the customer's invoices, kept from the invoice and payment events.</summary>
    public decimal Exposure { get; set; }

    public bool OnHold { get; set; }

    public string? HoldReason { get; set; }

    /// <summary>Whether the hold was put on by a rule (over the limit, an invoice too long overdue) and so is released when cured; a hold by hand stays until released by hand.</summary>
    public bool HoldAutomatic { get; set; }

    /// <summary>Days the oldest open overdue invoice is past its due date, and its number, as of the last risk scoring.</summary>
    public int OverdueDays { get; set; }

    public string? OldestOverdueInvoice { get; set; }

    /// <summary>A (best) to E (worst) from the risk scorecard; null while there is no payment history.</summary>
    public string? RiskRating { get; set; }

    public int? RiskScore { get; set; }

    /// <summary>The scorecard's factors as JSON: [{factor, value, points}].</summary>
    public string RiskFactors { get; set; } = "[]";

    /// <summary>The business date the scorecard last changed.</summary>
    public DateOnly? RiskScoredOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The words of the name, trade name and code, tagged with the tenant, for search: <see cref="IndexWords"/>.</summary>
    public NpgsqlTypes.NpgsqlTsVector SearchVector { get; set; } = null!;

    /// <summary>Takes the name, trade name and code into <see cref="SearchVector"/>: call after setting any of them.</summary>
    public void IndexWords() => SearchVector = CustomerSearch.Document(TenantId, Name, TradeName, Code);
}

public static class CustomerTypes
{
    public const string Corporate = "corporate";

    public static readonly IReadOnlyList<string> All = [Corporate, "dealer", "distributor", "government", "psu", "sez"];
}

public static class CustomerStatuses
{
    public const string Active = "active";

    public static readonly IReadOnlyList<string> All = [Active, "inactive"];
}
