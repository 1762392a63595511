using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;

namespace ArPlatform.Invoices.Customers;

/// <summary>Invoices' own copy of a customer: what invoicing needs (code, default terms), from CustomerRegistered and CustomerUpdated.</summary>
public sealed class KnownCustomer : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    public int? DefaultNetDays { get; set; }

    public decimal? DefaultDiscountPercent { get; set; }

    public int? DefaultDiscountDays { get; set; }

    /// <summary>When the copied state was current at the source; an older event never overwrites a newer copy.</summary>
    public DateTimeOffset KnownAsOf { get; set; }

    public static KnownCustomer From(Guid tenantId, Guid id, string code, CustomerTerms? terms, DateTimeOffset asOf) => new()
    {
        KnownAsOf = asOf,
        Id = id,
        TenantId = tenantId,
        Code = code,
        DefaultNetDays = terms?.NetDays,
        DefaultDiscountPercent = terms?.DiscountPercent,
        DefaultDiscountDays = terms?.DiscountDays,
    };
}
