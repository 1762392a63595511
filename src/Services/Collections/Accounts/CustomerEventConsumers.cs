using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Accounts;

/// <summary>Keeps the accounts' customer details (code, name, type, collector, portfolio, risk, hold, contacts) from Customers' events.</summary>
public abstract class AccountEventConsumer<TMessage>(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TMessage, CollectionsDbContext>(db, tenant, logger)
    where TMessage : class, IIntegrationEvent
{
    protected TimeProvider Clock => clock;

    protected async Task<CollectionAccount> AccountAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken)
    {
        await ItemLedgerQueries.EnsureAccountsAsync(Db, tenantId, [customerId], clock.GetUtcNow(), cancellationToken);
        var account = await Db.Accounts.SingleAsync(a => a.CustomerId == customerId, cancellationToken);
        account.UpdatedAt = clock.GetUtcNow();
        return account;
    }
}

public sealed class CustomerRegisteredConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CustomerRegisteredConsumer> logger)
    : AccountEventConsumer<CustomerRegistered>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(CustomerRegistered m, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(m.TenantId, m.CustomerId, cancellationToken);
        (account.Code, account.Name, account.Type) = (m.Code, m.Name, m.Type ?? account.Type);
        account.Collector = m.AssignedCollector ?? account.Collector;
        account.Portfolio = m.Portfolio ?? account.Portfolio;
    }
}

public sealed class CustomersRegisteredConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CustomersRegisteredConsumer> logger)
    : AccountEventConsumer<CustomersRegistered>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(CustomersRegistered m, CancellationToken cancellationToken)
    {
        await ItemLedgerQueries.EnsureAccountsAsync(Db, m.TenantId, m.CustomerIds, Clock.GetUtcNow(), cancellationToken);
        // Type, collector and portfolio arrive as columns (null: none of the batch has one); a CSV import assigns collectors too.
        string?[] Column(string?[]? values) => values ?? new string?[m.Count];
        await Db.Database.ExecuteSqlRawAsync("""
            UPDATE accounts a SET code = u.code, name = u.name, type = coalesce(u.type, a.type), collector = coalesce(u.collector, a.collector),
                                  portfolio = coalesce(u.portfolio, a.portfolio), updated_at = @now
            FROM unnest(@ids, @codes, @names, @types, @collectors, @portfolios) AS u(id, code, name, type, collector, portfolio) WHERE a.customer_id = u.id
            """,
            [
                new Npgsql.NpgsqlParameter("ids", m.CustomerIds), new Npgsql.NpgsqlParameter("codes", m.Codes),
                new Npgsql.NpgsqlParameter("names", m.Names), new Npgsql.NpgsqlParameter("now", Clock.GetUtcNow()),
                new Npgsql.NpgsqlParameter("types", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = Column(m.Types) },
                new Npgsql.NpgsqlParameter("collectors", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = Column(m.AssignedCollectors) },
                new Npgsql.NpgsqlParameter("portfolios", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = Column(m.Portfolios) },
            ], cancellationToken);
    }
}

/// <summary>A change in Customers: the account follows it, a reassignment to another collector included.</summary>
public sealed class CustomerUpdatedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CustomerUpdatedConsumer> logger)
    : AccountEventConsumer<CustomerUpdated>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(CustomerUpdated m, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(m.TenantId, m.CustomerId, cancellationToken);
        (account.Code, account.Name, account.Collector, account.Portfolio) = (m.Code, m.Name, m.AssignedCollector, m.Portfolio);
        account.Type = m.Type ?? account.Type;
    }
}

public sealed class CustomerRiskChangedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CustomerRiskChangedConsumer> logger)
    : AccountEventConsumer<CustomerRiskChanged>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(CustomerRiskChanged m, CancellationToken cancellationToken) =>
        (await AccountAsync(m.TenantId, m.CustomerId, cancellationToken)).RiskRating = m.NewRating;
}

public sealed class CreditHoldChangedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CreditHoldChangedConsumer> logger)
    : AccountEventConsumer<CreditHoldChanged>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(CreditHoldChanged m, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(m.TenantId, m.CustomerId, cancellationToken);
        (account.OnHold, account.HoldReason) = (m.OnHold, m.OnHold ? m.Reason : null);
    }
}

public sealed class CustomerContactAddedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CustomerContactAddedConsumer> logger)
    : AccountEventConsumer<CustomerContactAdded>(db, tenant, clock, logger)
{
    protected override async Task HandleAsync(CustomerContactAdded m, CancellationToken cancellationToken)
    {
        await AccountAsync(m.TenantId, m.CustomerId, cancellationToken);
        var contact = await Db.Contacts.SingleOrDefaultAsync(c => c.ContactId == m.ContactId, cancellationToken);
        if (contact is null)
        {
            contact = new AccountContact { ContactId = m.ContactId, TenantId = m.TenantId, CustomerId = m.CustomerId, Name = m.Name, EscalationLevel = m.EscalationLevel, PreferredChannel = m.PreferredChannel };
            Db.Contacts.Add(contact);
        }

        (contact.Name, contact.Role, contact.EscalationLevel, contact.Phone, contact.Email, contact.PreferredChannel) =
            (m.Name, m.Role, m.EscalationLevel, m.Phone, m.Email, m.PreferredChannel);

        // The contact a dunning step could not find has been found.
        await Db.Tasks.Where(t => t.CustomerId == m.CustomerId && t.Kind == Activities.TaskKinds.FindContact && t.Status == Activities.TaskStatuses.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, Activities.TaskStatuses.Done).SetProperty(t => t.ClosedAt, Clock.GetUtcNow()), cancellationToken);
    }
}

public sealed class TenantCreatedConsumer(CollectionsDbContext db, TenantContext tenant, TimeProvider clock, ILogger<TenantCreatedConsumer> logger)
    : IdempotentConsumer<TenantCreated, CollectionsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(TenantCreated m, CancellationToken cancellationToken) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO tenants (id, name, known_since) VALUES ({m.TenantId}, {m.Name}, {clock.GetUtcNow()})
            ON CONFLICT (id) DO UPDATE SET name = excluded.name
            """, cancellationToken);
}
