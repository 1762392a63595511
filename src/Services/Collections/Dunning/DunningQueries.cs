using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Dunning;

/// <summary>What a dunning run reads, a batch of accounts at a time, in customer id order.</summary>
public static class DunningQueries
{
    /// <summary>The next accounts with something open, locked for the run's transaction when <paramref name="lockRows"/> (a racing run waits, then sees the positions moved).</summary>
    public static Task<List<CollectionAccount>> NextAccountsAsync(CollectionsDbContext db, Guid after, int limit, bool lockRows, CancellationToken cancellationToken) =>
        (lockRows
            ? db.Accounts.FromSql($"""
                SELECT a.* FROM accounts a WHERE a.customer_id > {after}
                AND EXISTS (SELECT 1 FROM items i WHERE i.customer_id = a.customer_id AND i.open_amount > 0 AND i.issued)
                ORDER BY a.customer_id LIMIT {limit} FOR UPDATE OF a
                """)
            : db.Accounts.FromSql($"""
                SELECT a.* FROM accounts a WHERE a.customer_id > {after}
                AND EXISTS (SELECT 1 FROM items i WHERE i.customer_id = a.customer_id AND i.open_amount > 0 AND i.issued)
                ORDER BY a.customer_id LIMIT {limit}
                """).AsNoTracking())
        .ToListAsync(cancellationToken);

    /// <summary>The open items of the accounts; locked with them, so a payment landing meanwhile waits for the run's commit.</summary>
    public static Task<List<CollectionItem>> OpenItemsAsync(CollectionsDbContext db, Guid[] customers, bool lockRows, CancellationToken cancellationToken) =>
        (lockRows
            ? db.Items.FromSql($"SELECT * FROM items WHERE customer_id = ANY({customers}) AND open_amount > 0 AND issued FOR UPDATE")
            : db.Items.FromSql($"SELECT * FROM items WHERE customer_id = ANY({customers}) AND open_amount > 0 AND issued").AsNoTracking())
        .ToListAsync(cancellationToken);

    public static async Task<HashSet<Guid>> PromisedInvoicesAsync(CollectionsDbContext db, Guid[] customers, CancellationToken cancellationToken) =>
        [.. (await db.Promises.AsNoTracking().Where(p => customers.Contains(p.CustomerId) && p.Status == PromiseStatuses.Open)
            .Select(p => p.InvoiceIds).ToListAsync(cancellationToken)).SelectMany(ids => ids)];

    public static async Task<ILookup<Guid, string>> StepsOnDateAsync(CollectionsDbContext db, Guid[] customers, DateOnly date, CancellationToken cancellationToken) =>
        (await db.Actions.AsNoTracking().Where(a => customers.Contains(a.CustomerId) && a.BusinessDate == date)
            .Select(a => new { a.CustomerId, a.StepCode }).ToListAsync(cancellationToken))
        .ToLookup(a => a.CustomerId, a => a.StepCode);

    public static async Task<ILookup<Guid, AccountContact>> ContactsAsync(CollectionsDbContext db, Guid[] customers, CancellationToken cancellationToken) =>
        (await db.Contacts.AsNoTracking().Where(c => customers.Contains(c.CustomerId)).ToListAsync(cancellationToken)).ToLookup(c => c.CustomerId);
}
