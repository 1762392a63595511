using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Imports;

/// <summary>One row of a customer file: the customer, the code of its parent, and its opening credit limit.</summary>
public sealed record CustomerImportRow(RegisterCustomerRequest Request, string? ParentCode, decimal? CreditLimit);

public static class CustomerCsv
{
    public const string Kind = "customers";

    public static readonly CsvColumns Columns = new(
        ["code", "name", "tradeName", "type", "status", "gstin", "pan", "stateCode", "parentCode", "assignedCollector", "portfolio", "tags", "netDays",
            "discountPercent", "discountDays", "creditLimit"],
        ["code"], ["name"]);

    /// <summary>Columns: code, name, tradeName, type, status, gstin, pan, stateCode, parentCode, assignedCollector, portfolio,
    /// tags ("key-account;north"), netDays, discountPercent, discountDays, creditLimit.</summary>
    public static (CustomerImportRow? Row, ImportRowError? Error) Parse(IReaderRow row, int line)
    {
        var f = new CsvFields(row, line);
        var netDays = f.Int("netdays");
        var discountPercent = f.Decimal("discountpercent");
        var discountDays = f.Int("discountdays");
        var creditLimit = f.Decimal("creditlimit");
        var request = new RegisterCustomerRequest(
            f.Text("code"), f.Text("name"), f.Text("gstin"), netDays is null ? null : new CustomerTerms(netDays.Value, discountPercent, discountDays),
            f.Text("tradename"), f.Text("type")?.ToLowerInvariant(), f.Text("status")?.ToLowerInvariant(),
            f.Text("tags")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(), f.Text("pan")?.ToUpperInvariant(),
            f.Text("statecode"), null, f.Text("assignedcollector"), f.Text("portfolio"));
        if (netDays is null && (discountPercent is not null || discountDays is not null))
        {
            f.Fail("netDays", "is required when discountPercent or discountDays is given.");
        }

        return f.Error is null ? (new CustomerImportRow(request, f.Text("parentcode"), creditLimit), null) : (null, f.Error);
    }

    /// <summary>The rules of POST /api/v1/customers that need no database, every broken one reported.</summary>
    public static IReadOnlyList<ImportRowError> Check(CustomerImportRow row, int line)
    {
        var validation = CustomerDraft.Validate(row.Request, row.CreditLimit);
        return validation.IsValid ? [] : [.. Outcome<CustomerResponse>.Invalid(validation).Messages().Select(m => new ImportRowError(line, m.Field, m.Message))];
    }
}

/// <summary>
/// Customer files, in batches of 5,000: every row meets the rules of POST /api/v1/customers; a code already registered
/// by the same name and GSTIN is a duplicate (the file can be uploaded again safely), by another one a rejected row; a
/// parent must be registered already or come earlier in the file. Rows are checked as they are read. Two batches are
/// written at once, each in one transaction on a connection of its own (unnest inserts, the credit limits' audit
/// entries, one CustomersRegistered event): while one is inserted, the next is looked up and built (ADR 0012).
/// </summary>
public sealed class CustomerImportHandler(IServiceScopeFactory scopes, ITenantContext tenantContext, TimeProvider clock, ILogger<CustomerImportHandler> logger)
    : IImportHandler
{
    public const int BatchSize = 5000;
    public const int WritesInFlight = 2;

    private static readonly IReadOnlyDictionary<string, KnownCustomer> NoneCreated = new Dictionary<string, KnownCustomer>();

    // The batch before the one being written, in file order: the codes it creates (known once it is built, visible to a
    // lookup only once it commits), and its commit.
    private Task<IReadOnlyDictionary<string, KnownCustomer>> _previousBuilt = Task.FromResult(NoneCreated);
    private Task _previousCommitted = Task.CompletedTask;

    public string Kind => CustomerCsv.Kind;

    public CsvColumns Columns => CustomerCsv.Columns;

    public Task RunAsync(ImportRun run, CancellationToken cancellationToken) =>
        run.InBatchesAsync<CustomerImportRow>(BatchSize, CustomerCsv.Parse, (rows, errors) => WriteAsync(run.Job.FileName, rows, errors, cancellationToken),
            cancellationToken, CustomerCsv.Check, WritesInFlight);

    /// <summary>Called in file order; builds after the previous batch is built, and commits after it when it holds a parent of this one.</summary>
    private async Task<(int Created, int Duplicates)> WriteAsync(
        string? fileName, IReadOnlyList<(int Line, CustomerImportRow Row)> rows, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var (builtBefore, committedBefore) = (_previousBuilt, _previousCommitted);
        var built = new TaskCompletionSource<IReadOnlyDictionary<string, KnownCustomer>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (_previousBuilt, _previousCommitted) = (built.Task, committed.Task);
        try
        {
            var tenant = tenantContext.RequiredTenantId;
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var previous = await builtBefore;
            var waited = watch.ElapsedMilliseconds;
            var (customers, limits, created, duplicates, needsPrevious) = await BuildAsync(db, fileName, tenant, rows, errors, previous, cancellationToken);
            built.SetResult(created);
            var prepared = watch.ElapsedMilliseconds;
            if (customers.Count > 0)
            {
                // Outside the batch's transaction, so that the next batch does not wait on this one's new words: a listed
                // word whose customers are not written completes to nothing.
                await CustomerSearch.ListWordsAsync(db, tenant, customers, cancellationToken);
                await Risk.RiskQueue.RememberTenantAsync(db, tenant, cancellationToken);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await InsertAsync(db, tenant, customers, limits, cancellationToken);
            var inserted = watch.ElapsedMilliseconds;
            if (needsPrevious)
            {
                await committedBefore; // a parent in the previous batch: never commit a child whose parent may roll back
            }

            await transaction.CommitAsync(cancellationToken);
            committed.SetResult();
            logger.LogDebug("Customer import batch of {Rows} rows: waited {Waited} ms for the previous batch, built by {Prepared} ms, inserted by {Inserted} ms, committed by {Total} ms",
                rows.Count, waited, prepared, inserted, watch.ElapsedMilliseconds);
            return (customers.Count, duplicates);
        }
        catch (Exception e)
        {
            built.TrySetException(e);
            committed.TrySetException(e);
            throw;
        }
    }

    /// <summary>The batch's new customers (also by code), after looking up the codes it names; adds the rows it refuses to <paramref name="errors"/>.</summary>
    private async Task<(List<Customer> Customers, List<CreditLimitChange> Limits, Dictionary<string, KnownCustomer> Created, int Duplicates, bool NeedsPrevious)> BuildAsync(
        CustomersDbContext db, string? fileName, Guid tenant, IReadOnlyList<(int Line, CustomerImportRow Row)> rows, List<ImportRowError> errors,
        IReadOnlyDictionary<string, KnownCustomer> previous, CancellationToken cancellationToken)
    {
        var codes = rows.Select(v => v.Row.Request.Code!.Trim()).Concat(rows.Select(v => v.Row.ParentCode).OfType<string>()).Distinct().ToArray();
        // The previous batch may not have committed yet: its codes come from memory.
        var known = (await CustomerQueries.ByCodesAsync(db, tenant, codes, cancellationToken)).ToDictionary(k => k.Code);
        var now = clock.GetUtcNow();
        var (customers, limits, created, firstLines) = (new List<Customer>(rows.Count), new List<CreditLimitChange>(), new Dictionary<string, KnownCustomer>(), new Dictionary<string, int>());
        var (duplicates, needsPrevious) = (0, false);
        foreach (var (line, row) in rows)
        {
            var code = row.Request.Code!.Trim();
            if (firstLines.TryGetValue(code, out var first))
            {
                errors.Add(new ImportRowError(line, "code", $"'{code}' is already on line {first} of this file."));
                continue;
            }

            if (known.TryGetValue(code, out var existing) || previous.TryGetValue(code, out existing))
            {
                // The same customer again (a re-uploaded file) is a duplicate; another one under a taken code is refused.
                if (row.Request.Name!.Trim() == existing.Name && CustomerDraft.Trimmed(row.Request.Gstin) == existing.Gstin)
                {
                    duplicates++;
                }
                else
                {
                    errors.Add(new ImportRowError(line, "code", $"'{code}' is already registered as '{existing.Name}' (GSTIN {existing.Gstin ?? "none"}); change a customer with PATCH /api/v1/customers/{{id}}."));
                }

                continue;
            }

            (Guid Id, string Path)? parent = null;
            if (row.ParentCode is { } parentCode)
            {
                if (known.TryGetValue(parentCode, out var found))
                {
                    parent = (found.Id, found.HierarchyPath);
                }
                else if (previous.TryGetValue(parentCode, out found))
                {
                    (parent, needsPrevious) = ((found.Id, found.HierarchyPath), true);
                }
                else
                {
                    errors.Add(new ImportRowError(line, "parentCode", $"no customer '{parentCode}': register the parent first or put it earlier in the file."));
                    continue;
                }
            }

            var customer = CustomerDraft.Build(row.Request, tenant, Ids.NewVersion7(now), parent, now);
            if (row.CreditLimit is { } limit)
            {
                limits.Add(CreditLimits.Change(customer, limit, $"opening limit, imported from {fileName ?? "a customer file"}", "customer import", now));
            }

            customers.Add(customer);
            firstLines[code] = line;
            known[code] = created[code] = new KnownCustomer(customer.Id, code, customer.HierarchyPath, customer.Name, customer.Gstin);
        }

        return (customers, limits, created, duplicates, needsPrevious);
    }

    /// <summary>The customers, the audit entries of their opening credit limits, and their event.</summary>
    private async Task InsertAsync(CustomersDbContext db, Guid tenant, List<Customer> customers, List<CreditLimitChange> limits, CancellationToken cancellationToken)
    {
        if (customers.Count == 0)
        {
            return;
        }

        await db.InsertEntitiesAsync(customers, cancellationToken);
        await db.InsertEntitiesAsync(limits, cancellationToken);
        db.AddToOutbox(CustomersRegistered.Of(tenant, clock.GetUtcNow(), [.. customers.Select(c => new RegisteredCustomer(c.Id, c.Code, c.Name, c.Gstin, c.DefaultTerms, c.Type, c.AssignedCollector, c.Portfolio, c.Region, c.ParentId))]), clock);
        await db.SaveChangesAsync(cancellationToken);
    }
}
