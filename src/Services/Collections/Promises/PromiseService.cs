using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Promises;

/// <summary>A promise to pay: the amount by the promised date, or instalments (the amount is then their sum and the promised date the last one's).</summary>
public sealed record PromiseRequest(
    decimal? Amount, DateOnly? PromisedDate, [property: MaxLength(100)][property: ItemsMaxLength(50)] List<string>? InvoiceNumbers = null,
    [property: MaxLength(60)] List<InstalmentRequest>? Instalments = null);

public sealed record InstalmentRequest(decimal? Amount, DateOnly? Date);

public sealed record PromiseResponse(
    Guid Id, Guid CustomerId, decimal Amount, DateOnly PromisedDate, DateOnly MadeOn, IReadOnlyList<string> InvoiceNumbers, IReadOnlyList<Instalment> Instalments,
    int GraceDays, string Status, decimal Collected, DateOnly? ResolvedOn, string? MadeBy, DateTimeOffset CreatedAt)
{
    public static PromiseResponse Of(PromiseToPay p) => new(
        p.Id, p.CustomerId, p.Amount, p.PromisedDate, p.MadeOn, p.InvoiceNumbers, p.Instalments, p.GraceDays, p.Status, p.Collected, p.ResolvedOn, p.MadeBy, p.CreatedAt);
}

/// <summary>The promise use cases: make one (from the endpoint or a logged call), list an account's, cancel one.</summary>
public sealed class PromiseService(CollectionsDbContext db, PromiseKeeper keeper, TimeProvider clock)
{
    public const int MaxDaysAhead = 366;

    /// <summary>Checks and adds a promise to the context (not saved): the caller saves it with whatever else it writes.</summary>
    public async Task<Outcome<PromiseToPay>> AddAsync(Guid customerId, PromiseRequest request, string? madeBy, Guid? activityId, string field,
        CancellationToken cancellationToken)
    {
        var today = BusinessDate.Today(clock);
        var instalments = request.Instalments ?? [];
        if (instalments.Any(i => i is null))
        {
            return Outcome<PromiseToPay>.Invalid($"{field}instalments", "each needs an amount above zero and a date (no null entries).");
        }

        var amount = request.Amount ?? (instalments.Count > 0 ? instalments.Sum(i => i.Amount ?? 0) : null);
        var promisedDate = request.PromisedDate ?? (instalments.Count > 0 ? instalments.Max(i => i.Date) : null);
        var validation = new Validation()
            .When(amount is not > 0, $"{field}amount", "is required and must be above zero.")
            .When(amount is { } a && decimal.Round(a, 2) != a, $"{field}amount", "must have at most two decimals (paise).")
            .When(promisedDate is null, $"{field}promisedDate", "is required (YYYY-MM-DD).")
            .When(promisedDate is { } d && d < today, $"{field}promisedDate", $"must be today ({today:yyyy-MM-dd}) or later.")
            .When(promisedDate is { } d2 && d2 > today.AddDays(MaxDaysAhead), $"{field}promisedDate", $"must be within {MaxDaysAhead} days.")
            .When(instalments.Any(i => i.Amount is not > 0 || i.Date is null), $"{field}instalments", "each needs an amount above zero and a date.")
            .When(instalments.Count > 0 && request.Amount is { } given && given != instalments.Sum(i => i.Amount ?? 0), $"{field}amount",
                "must equal the sum of the instalments (or leave it out).")
            .When(instalments.Count > 0 && request.PromisedDate is { } pd && pd != instalments.Max(i => i.Date), $"{field}promisedDate",
                "must be the last instalment's date (or leave it out).")
            .When(instalments.Any(i => i.Date is { } id && (id < today || id > today.AddDays(MaxDaysAhead))), $"{field}instalments",
                $"dates must be between today and {MaxDaysAhead} days ahead.")
            .When(request.InvoiceNumbers is { Count: > 100 }, $"{field}invoiceNumbers", "must name at most 100 invoices.");
        if (!validation.IsValid)
        {
            return Outcome<PromiseToPay>.Invalid(validation);
        }

        if (!await db.Accounts.AnyAsync(a => a.CustomerId == customerId, cancellationToken))
        {
            return Outcome<PromiseToPay>.NotFound();
        }

        var open = await db.Items.FromSql($"SELECT * FROM items WHERE customer_id = {customerId} AND open_amount > 0 AND issued FOR UPDATE").ToListAsync(cancellationToken);
        var named = request.InvoiceNumbers is { Count: > 0 } numbers ? numbers.Distinct(StringComparer.Ordinal).ToList() : null;
        var covered = named is null ? open : open.Where(i => named.Contains(i.Number)).ToList();
        if (named is not null && named.Except(covered.Select(i => i.Number)).ToList() is { Count: > 0 } unknown)
        {
            return Outcome<PromiseToPay>.Invalid($"{field}invoiceNumbers", $"{string.Join(", ", unknown)}: no open invoice of this customer has that number.");
        }

        if (covered.Count == 0)
        {
            return Outcome<PromiseToPay>.Invalid($"{field}amount", "the customer has nothing open to promise.");
        }

        if (amount > covered.Sum(i => i.OpenAmount))
        {
            return Outcome<PromiseToPay>.Invalid($"{field}amount",
                $"must be at most what is open on the invoices it covers: {IndianMoney.Format(covered.Sum(i => i.OpenAmount))}.");
        }

        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var promise = new PromiseToPay
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            CustomerId = customerId,
            Amount = amount!.Value,
            PromisedDate = promisedDate!.Value,
            MadeOn = today,
            InvoiceIds = [.. covered.Select(i => i.InvoiceId)],
            InvoiceNumbers = [.. covered.Select(i => i.Number)],
            NamedInvoices = named is not null,
            Instalments = [.. instalments.OrderBy(i => i.Date).Select(i => new Instalment(i.Amount!.Value, i.Date!.Value))],
            GraceDays = settings?.PromiseGraceDays ?? 0,
            Status = PromiseStatuses.Open,
            ActivityId = activityId,
            MadeBy = madeBy,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Promises.Add(promise);
        foreach (var item in covered)
        {
            item.Hold(Dunning.SkipReasons.Promise, today);
        }

        db.AddToOutbox(new PromiseToPayMade(db.Tenant.RequiredTenantId, promise.Id, customerId, promise.Amount, promise.PromisedDate, promise.InvoiceNumbers,
            promise.CreatedAt), clock);
        return Outcome<PromiseToPay>.Ok(promise);
    }

    public async Task<Outcome<PromiseResponse>> MakeAsync(Guid customerId, PromiseRequest request, string? madeBy, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await AddAsync(customerId, request, madeBy, null, "", cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.As<PromiseResponse>();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<PromiseResponse>.Ok(PromiseResponse.Of(outcome.Value!));
    }

    public async Task<List<PromiseResponse>?> ListAsync(Guid customerId, CancellationToken cancellationToken) =>
        await db.Accounts.AnyAsync(a => a.CustomerId == customerId, cancellationToken)
            ? [.. (await db.Promises.AsNoTracking().Where(p => p.CustomerId == customerId).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken))
                .Select(PromiseResponse.Of)]
            : null;

    public async Task<Outcome<PromiseResponse>> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var promise = await db.Promises.FromSql($"SELECT * FROM promises WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (promise is null)
        {
            return Outcome<PromiseResponse>.NotFound();
        }

        if (promise.Status != PromiseStatuses.Open)
        {
            return Outcome<PromiseResponse>.Conflict("The promise is not open.", $"It is {promise.Status}; only an open promise can be cancelled.");
        }

        await keeper.ResolveAsync(promise, PromiseStatuses.Cancelled, BusinessDate.Today(clock), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<PromiseResponse>.Ok(PromiseResponse.Of(promise));
    }
}
