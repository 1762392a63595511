using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Dunning;

/// <summary>What a dunning run reads, a batch of accounts at a time, in customer id order.</summary>
public static class DunningQueries
{
    /// <summary>How many accounts have something open: what a run sees.</summary>
    public static Task<int> AccountsWithOpenItemsAsync(CollectionsDbContext db, CancellationToken cancellationToken) =>
        db.Accounts.CountAsync(a => db.Items.Any(i => i.CustomerId == a.CustomerId && i.OpenAmount > 0 && i.Issued), cancellationToken);

    /// <summary>
    /// The next accounts with an open item that has reached a step (due on or before <paramref name="reachedBy"/>, the
    /// run's date less the earliest step's offset): the others cannot act. Locked for the run's transaction when <paramref name="lockRows"/>
    /// (a racing run waits, then sees the positions moved). The items' bound repeats the accounts' so that the planner
    /// starts its scan of the items there, not at the tenant's first customer for every batch.
    /// </summary>
    public static Task<List<CollectionAccount>> NextAccountsAsync(
        CollectionsDbContext db, Guid after, int limit, DateOnly reachedBy, bool lockRows, CancellationToken cancellationToken) =>
        (lockRows
            ? db.Accounts.FromSql($"""
                SELECT a.* FROM accounts a WHERE a.customer_id > {after}
                AND EXISTS (SELECT 1 FROM items i WHERE i.customer_id = a.customer_id AND i.customer_id > {after} AND i.open_amount > 0 AND i.issued AND i.due_date <= {reachedBy})
                ORDER BY a.customer_id LIMIT {limit} FOR UPDATE OF a
                """)
            : db.Accounts.FromSql($"""
                SELECT a.* FROM accounts a WHERE a.customer_id > {after}
                AND EXISTS (SELECT 1 FROM items i WHERE i.customer_id = a.customer_id AND i.customer_id > {after} AND i.open_amount > 0 AND i.issued AND i.due_date <= {reachedBy})
                ORDER BY a.customer_id LIMIT {limit}
                """).AsNoTracking())
        .ToListAsync(cancellationToken);

    /// <summary>The accounts' open items that have reached a step; locked with them, so a payment landing meanwhile waits for the run's commit.</summary>
    public static Task<List<CollectionItem>> OpenItemsAsync(CollectionsDbContext db, Guid[] customers, DateOnly reachedBy, bool lockRows, CancellationToken cancellationToken) =>
        (lockRows
            ? db.Items.FromSql($"SELECT * FROM items WHERE customer_id = ANY({customers}) AND open_amount > 0 AND issued AND due_date <= {reachedBy} FOR UPDATE")
            : db.Items.FromSql($"SELECT * FROM items WHERE customer_id = ANY({customers}) AND open_amount > 0 AND issued AND due_date <= {reachedBy}"))
        .AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>The items' new positions, in one statement.</summary>
    public static Task MovePositionsAsync(CollectionsDbContext db, Guid[] items, int[] offsets, string[] steps, DateOnly date, CancellationToken cancellationToken) =>
        items.Length == 0 ? Task.CompletedTask : db.Database.ExecuteSqlRawAsync("""
            UPDATE items i SET position_offset = u.day_offset, position_step = u.step, position_date = @date
            FROM unnest(@ids, @offsets, @steps) AS u(id, day_offset, step) WHERE i.invoice_id = u.id
            """,
            [new Npgsql.NpgsqlParameter("ids", items), new Npgsql.NpgsqlParameter("offsets", offsets), new Npgsql.NpgsqlParameter("steps", steps),
                new Npgsql.NpgsqlParameter("date", date)], cancellationToken);

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
