using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Imports;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Imports;

/// <summary>One row of a customer file: the customer, the code of its parent, and its opening credit limit.</summary>
public sealed record CustomerImportRow(RegisterCustomerRequest Request, string? ParentCode, decimal? CreditLimit);

public static class CustomerCsv
{
    public const string Kind = "customers";

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
        var validation = CustomerDraft.Validate(row.Request);
        if (row.CreditLimit is not null)
        {
            validation.Limit("creditLimit", row.CreditLimit);
        }

        return validation.IsValid ? [] : [.. validation.Errors.Select(e => new ImportRowError(line, e.Key, string.Join(" ", e.Value)))];
    }
}

/// <summary>
/// Customer files, in batches of 5,000: every row meets the rules of POST /api/v1/customers; a code already registered
/// by the same name and GSTIN is a duplicate (the file can be uploaded again safely), by another one a rejected row; a
/// parent must be registered already or come earlier in the file. Rows are checked as they are read, while the previous
/// batch is written; each batch is one transaction: unnest inserts, the credit limits' audit entries, and one
/// CustomersRegistered event.
/// </summary>
public sealed class CustomerImportHandler(CustomersDbContext db, TimeProvider clock, ILogger<CustomerImportHandler> logger) : IImportHandler
{
    public const int BatchSize = 5000;

    private sealed record Known(Guid Id, string Code, string HierarchyPath, string Name, string? Gstin);

    public string Kind => CustomerCsv.Kind;

    public Task RunAsync(ImportRun run, CancellationToken cancellationToken) =>
        run.InBatchesAsync<CustomerImportRow>(BatchSize, CustomerCsv.Parse, (rows, errors) => WriteAsync(run.Job.FileName, rows, errors, cancellationToken),
            cancellationToken, CustomerCsv.Check);

    private async Task<(int Created, int Duplicates)> WriteAsync(
        string? fileName, IReadOnlyList<(int Line, CustomerImportRow Row)> rows, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var codes = rows.Select(v => v.Row.Request.Code!.Trim()).Concat(rows.Select(v => v.Row.ParentCode).OfType<string>()).Distinct().ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One probe of the unique (tenant_id, code) index per code, the tenant hidden from the planner: ADR 0002.
        var known = (await db.Database.SqlQuery<Known>($"""
                SELECT c.id AS "Id", c.code AS "Code", c.hierarchy_path AS "HierarchyPath", c.name AS "Name", c.gstin AS "Gstin"
                FROM unnest({codes}::text[]) AS k(code)
                CROSS JOIN LATERAL (SELECT * FROM customers WHERE tenant_id = (SELECT {tenant}) AND code = k.code LIMIT 1) AS c
                """).ToListAsync(cancellationToken))
            .ToDictionary(k => k.Code);
        var looked = watch.ElapsedMilliseconds;
        var now = clock.GetUtcNow();
        var (customers, firstLines, duplicates) = (new List<Customer>(rows.Count), new Dictionary<string, int>(), 0);
        foreach (var (line, row) in rows)
        {
            var code = row.Request.Code!.Trim();
            if (firstLines.TryGetValue(code, out var first))
            {
                errors.Add(new ImportRowError(line, "code", $"'{code}' is already on line {first} of this file."));
                continue;
            }

            if (known.TryGetValue(code, out var existing))
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
                if (!known.TryGetValue(parentCode, out var found))
                {
                    errors.Add(new ImportRowError(line, "parentCode", $"no customer '{parentCode}': register the parent first or put it earlier in the file."));
                    continue;
                }

                parent = (found.Id, found.HierarchyPath);
            }

            var customer = CustomerDraft.Build(row.Request, tenant, Ids.NewVersion7(now), parent, now);
            customer.CreditLimit = row.CreditLimit;
            customers.Add(customer);
            firstLines[code] = line;
            known[code] = new Known(customer.Id, code, customer.HierarchyPath, customer.Name, customer.Gstin);
        }

        var prepared = watch.ElapsedMilliseconds;
        await CustomerSearch.ListWordsAsync(db, tenant, customers, cancellationToken);
        await InsertAsync(customers, cancellationToken);
        var inserted = watch.ElapsedMilliseconds;
        var tagged = customers.Where(c => c.Tags.Length > 0).ToList();
        if (tagged.Count > 0)
        {
            // unnest cannot carry one array per row, so the tags travel joined by the unit separator.
            var ids = tagged.Select(c => c.Id).ToArray();
            var tags = tagged.Select(c => string.Join('\u001f', c.Tags)).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE customers c SET tags = string_to_array(t.tags, chr(31)) FROM unnest({ids}, {tags}) AS t(id, tags) WHERE c.id = t.id
                """, cancellationToken);
        }

        var limited = customers.Where(c => c.CreditLimit is not null).ToList();
        await db.InsertManyAsync("credit_limit_changes",
        [
            ("id", limited.Select(_ => Ids.NewVersion7(now)).ToArray()),
            ("tenant_id", limited.Select(_ => tenant).ToArray()),
            ("customer_id", limited.Select(c => c.Id).ToArray()),
            ("new_limit", limited.Select(c => c.CreditLimit!.Value).ToArray()),
            ("reason", limited.Select(_ => $"opening limit, imported from {fileName ?? "a customer file"}").ToArray()),
            ("changed_by", limited.Select(_ => "customer import").ToArray()),
            ("changed_at", limited.Select(_ => now).ToArray()),
        ], cancellationToken: cancellationToken);
        if (customers.Count > 0)
        {
            await Risk.RiskQueue.RememberTenantAsync(db, tenant, cancellationToken);
            db.AddToOutbox(new CustomersRegistered(tenant, now,
                [.. customers.Select(c => new RegisteredCustomer(c.Id, c.Code, c.Name, c.Gstin, c.DefaultTerms))]), clock);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("Customer import batch of {Rows} rows: known codes read in {Looked} ms, built by {Prepared} ms, inserted by {Inserted} ms, committed by {Total} ms",
            rows.Count, looked, prepared, inserted, watch.ElapsedMilliseconds);
        return (customers.Count, duplicates);
    }

    private Task<int> InsertAsync(List<Customer> c, CancellationToken cancellationToken) =>
        db.InsertManyAsync("customers",
        [
            ("id", c.Select(x => x.Id).ToArray()),
            ("tenant_id", c.Select(x => x.TenantId).ToArray()),
            ("code", c.Select(x => x.Code).ToArray()),
            ("name", c.Select(x => x.Name).ToArray()),
            ("trade_name", c.Select(x => x.TradeName).ToArray()),
            ("type", c.Select(x => x.Type).ToArray()),
            ("status", c.Select(x => x.Status).ToArray()),
            ("gstin", c.Select(x => x.Gstin).ToArray()),
            ("pan", c.Select(x => x.Pan).ToArray()),
            ("state_code", c.Select(x => x.StateCode).ToArray()),
            ("state_name", c.Select(x => x.StateName).ToArray()),
            ("region", c.Select(x => x.Region).ToArray()),
            ("parent_id", c.Select(x => x.ParentId).ToArray()),
            ("hierarchy_path", c.Select(x => x.HierarchyPath).ToArray()),
            ("assigned_collector", c.Select(x => x.AssignedCollector).ToArray()),
            ("portfolio", c.Select(x => x.Portfolio).ToArray()),
            ("default_net_days", c.Select(x => x.DefaultNetDays).ToArray()),
            ("default_discount_percent", c.Select(x => x.DefaultDiscountPercent).ToArray()),
            ("default_discount_days", c.Select(x => x.DefaultDiscountDays).ToArray()),
            ("credit_limit", c.Select(x => x.CreditLimit).ToArray()),
            ("created_at", c.Select(x => x.CreatedAt).ToArray()),
            ("search_vector", c.Select(x => x.SearchVector).ToArray()),
        ], cancellationToken: cancellationToken);
}
