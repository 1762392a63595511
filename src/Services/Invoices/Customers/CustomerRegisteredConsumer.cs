using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Persistence;

namespace ArPlatform.Invoices.Customers;

/// <summary>Keeps the local customer copy; the row may already exist when an invoice resolved the customer first.</summary>
public sealed class CustomerRegisteredConsumer(InvoicesDbContext db, TenantContext tenant, ILogger<CustomerRegisteredConsumer> logger)
    : IdempotentConsumer<CustomerRegistered, InvoicesDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(CustomerRegistered message, CancellationToken cancellationToken) =>
        CustomerDirectory.RememberAsync(Db, KnownCustomer.From(message.TenantId, message.CustomerId, message.Code, message.DefaultTerms, message.RegisteredAt), cancellationToken);
}

/// <summary>Refreshes the local customer copy (code, default terms) unless a newer state is already known.</summary>
public sealed class CustomerUpdatedConsumer(InvoicesDbContext db, TenantContext tenant, ILogger<CustomerUpdatedConsumer> logger)
    : IdempotentConsumer<CustomerUpdated, InvoicesDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(CustomerUpdated message, CancellationToken cancellationToken) =>
        CustomerDirectory.RememberAsync(Db, KnownCustomer.From(message.TenantId, message.CustomerId, message.Code, message.DefaultTerms, message.UpdatedAt), cancellationToken);
}

/// <summary>Keeps the local copies of a CSV import's customers, all in one statement.</summary>
public sealed class CustomersRegisteredConsumer(InvoicesDbContext db, TenantContext tenant, ILogger<CustomersRegisteredConsumer> logger)
    : IdempotentConsumer<CustomersRegistered, InvoicesDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(CustomersRegistered message, CancellationToken cancellationToken) =>
        CustomerDirectory.RememberManyAsync(Db, message.TenantId, message.CustomerIds, message.Codes, message.NetDays ?? new int?[message.Count],
            message.DiscountPercents ?? new decimal?[message.Count], message.DiscountDays ?? new int?[message.Count],
            Enumerable.Repeat(message.RegisteredAt, message.Count).ToArray(), cancellationToken);
}
