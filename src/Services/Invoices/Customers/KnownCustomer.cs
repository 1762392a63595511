using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;

namespace ArPlatform.Invoices.Customers;

/// <summary>Invoices' own copy of a customer: what invoicing needs (code, default terms), from CustomerRegistered.</summary>
public sealed class KnownCustomer : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    public int? DefaultNetDays { get; set; }

    public decimal? DefaultDiscountPercent { get; set; }

    public int? DefaultDiscountDays { get; set; }

    public static KnownCustomer From(Guid tenantId, Guid id, string code, CustomerTerms? terms) => new()
    {
        Id = id,
        TenantId = tenantId,
        Code = code,
        DefaultNetDays = terms?.NetDays,
        DefaultDiscountPercent = terms?.DiscountPercent,
        DefaultDiscountDays = terms?.DiscountDays,
    };
}
