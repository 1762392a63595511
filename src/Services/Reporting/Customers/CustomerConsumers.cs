using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;

namespace ArPlatform.Reporting.Customers;

/// <summary>Keeps <see cref="ReportCustomer"/>: each event carries the customer's whole state; an older one than the copy is ignored.</summary>
internal static class ReportCustomers
{
    public static Task UpsertAsync(ReportingDbContext db, IReadOnlyList<ReportCustomer> customers, CancellationToken cancellationToken)
    {
        var rows = customers.DistinctBy(c => c.CustomerId).OrderBy(c => c.CustomerId).ToList(); // one lock order for concurrent consumers
        return db.InsertManyAsync("report_customers",
        [
            ("customer_id", rows.Select(c => c.CustomerId).ToArray()), ("tenant_id", rows.Select(c => c.TenantId).ToArray()),
            ("code", rows.Select(c => c.Code).ToArray()), ("name", rows.Select(c => c.Name).ToArray()), ("type", rows.Select(c => c.Type).ToArray()),
            ("region", rows.Select(c => c.Region).ToArray()), ("parent_id", rows.Select(c => c.ParentId).ToArray()),
            ("collector", rows.Select(c => c.Collector).ToArray()), ("portfolio", rows.Select(c => c.Portfolio).ToArray()),
            ("updated_at", rows.Select(c => c.UpdatedAt).ToArray()),
        ], """
            ON CONFLICT (customer_id) DO UPDATE SET code = excluded.code, name = excluded.name, type = excluded.type, region = excluded.region,
                parent_id = excluded.parent_id, collector = excluded.collector, portfolio = excluded.portfolio, updated_at = excluded.updated_at
            WHERE report_customers.updated_at <= excluded.updated_at
            """, cancellationToken);
    }
}

public sealed class CustomerRegisteredConsumer(ReportingDbContext db, TenantContext tenant, ILogger<CustomerRegisteredConsumer> logger)
    : IdempotentConsumer<CustomerRegistered, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(CustomerRegistered m, CancellationToken cancellationToken) =>
        ReportCustomers.UpsertAsync(Db,
        [
            new ReportCustomer
            {
                CustomerId = m.CustomerId, TenantId = m.TenantId, Code = m.Code, Name = m.Name, Type = m.Type, Region = m.Region, ParentId = m.ParentId,
                Collector = m.AssignedCollector, Portfolio = m.Portfolio, UpdatedAt = m.RegisteredAt,
            },
        ], cancellationToken);
}

public sealed class CustomersRegisteredConsumer(ReportingDbContext db, TenantContext tenant, ILogger<CustomersRegisteredConsumer> logger)
    : IdempotentConsumer<CustomersRegistered, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(CustomersRegistered m, CancellationToken cancellationToken) =>
        ReportCustomers.UpsertAsync(Db,
        [
            .. Enumerable.Range(0, m.Count).Select(i => new ReportCustomer
            {
                CustomerId = m.CustomerIds[i], TenantId = m.TenantId, Code = m.Codes[i], Name = m.Names[i], Type = m.Types?[i], Region = m.Regions?[i],
                ParentId = m.ParentIds?[i], Collector = m.AssignedCollectors?[i], Portfolio = m.Portfolios?[i], UpdatedAt = m.RegisteredAt,
            }),
        ], cancellationToken);
}

public sealed class CustomerUpdatedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<CustomerUpdatedConsumer> logger)
    : IdempotentConsumer<CustomerUpdated, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(CustomerUpdated m, CancellationToken cancellationToken) =>
        ReportCustomers.UpsertAsync(Db,
        [
            new ReportCustomer
            {
                CustomerId = m.CustomerId, TenantId = m.TenantId, Code = m.Code, Name = m.Name, Type = m.Type, Region = m.Region, ParentId = m.ParentId,
                Collector = m.AssignedCollector, Portfolio = m.Portfolio, UpdatedAt = m.UpdatedAt,
            },
        ], cancellationToken);
}
