using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

/// <summary>The customer use cases (register, update the details, reassign, read); the CSV import shares their rules through <see cref="CustomerDraft"/>.</summary>
public sealed class CustomerService(CustomersDbContext db, TimeProvider clock)
{
    public const int MaxListedCustomers = 10_000;

    public async Task<Outcome<CustomerResponse>> RegisterAsync(RegisterCustomerRequest request, CancellationToken cancellationToken = default)
    {
        var validation = CustomerDraft.Validate(request);
        Customer? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId, cancellationToken);
            validation.When(parent is null, "parentId", "no such customer in this tenant (register the distributor first).");
        }

        if (!validation.IsValid)
        {
            return Outcome<CustomerResponse>.Invalid(validation);
        }

        var code = request.Code!.Trim();
        await Risk.RiskQueue.RememberTenantAsync(db, db.Tenant.RequiredTenantId, cancellationToken);
        if (await db.Customers.AnyAsync(c => c.Code == code, cancellationToken))
        {
            return CodeTaken(code);
        }

        var now = clock.GetUtcNow();
        var customer = CustomerDraft.Build(request, db.Tenant.RequiredTenantId, Guid.CreateVersion7(now), parent is null ? null : (parent.Id, parent.HierarchyPath), now);
        await CustomerSearch.ListWordsAsync(db, customer.TenantId, [customer], cancellationToken);
        db.Customers.Add(customer);
        db.AddToOutbox(new CustomerRegistered(db.Tenant.RequiredTenantId, customer.Id, customer.Code, customer.Name, customer.Gstin, now, customer.DefaultTerms,
            customer.Type, customer.AssignedCollector, customer.Portfolio, customer.Region, customer.ParentId), clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return CodeTaken(code);
        }

        return Outcome<CustomerResponse>.Ok(CustomerResponses.Of(customer));
    }

    public async Task<Outcome<CustomerResponse>> UpdateAsync(Guid id, UpdateCustomerRequest request, CancellationToken cancellationToken = default)
    {
        var validation = new Validation()
            .When(request.Name is { } name && string.IsNullOrWhiteSpace(name), "name", "must not be empty.")
            .Text("name", request.Name, maxLength: 200)
            .Details(request.TradeName, request.Type, request.Status, request.Tags, request.AssignedCollector, request.Portfolio, request.Addresses, request.Terms);
        if (!validation.IsValid)
        {
            return Outcome<CustomerResponse>.Invalid(validation);
        }

        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Outcome<CustomerResponse>.NotFound();
        }

        static string? Optional(string? given, string? current) => given is null ? current : given.Trim() is { Length: > 0 } value ? value : null;
        customer.Name = request.Name?.Trim() ?? customer.Name;
        customer.TradeName = Optional(request.TradeName, customer.TradeName);
        customer.IndexWords();
        customer.Type = request.Type ?? customer.Type;
        customer.Status = request.Status ?? customer.Status;
        customer.Tags = request.Tags is null ? customer.Tags : [.. request.Tags.Select(t => t.Trim()).Distinct()];
        customer.AssignedCollector = Optional(request.AssignedCollector, customer.AssignedCollector);
        customer.Portfolio = Optional(request.Portfolio, customer.Portfolio);
        if (request.Addresses is not null)
        {
            customer.Addresses = System.Text.Json.JsonSerializer.Serialize(request.Addresses, System.Text.Json.JsonSerializerOptions.Web);
        }

        if (request.Terms is { } terms)
        {
            (customer.DefaultNetDays, customer.DefaultDiscountPercent, customer.DefaultDiscountDays) = (terms.NetDays, terms.DiscountPercent, terms.DiscountDays);
        }

        await CustomerSearch.ListWordsAsync(db, customer.TenantId, [customer], cancellationToken);
        db.AddToOutbox(Updated(customer, clock.GetUtcNow()), clock);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CustomerResponse>.Ok(CustomerResponses.Of(customer));
    }

    public async Task<Outcome<ReassignResponse>> ReassignAsync(ReassignRequest request, CancellationToken cancellationToken = default)
    {
        var validation = new Validation()
            .Required("toCollector", request.ToCollector, maxLength: 100)
            .Text("portfolio", request.Portfolio, maxLength: 100)
            .Text("fromCollector", request.FromCollector, maxLength: 100)
            .When(request.CustomerIds is null && request.FromCollector is null && request.Under is null, "customerIds",
                "say which customers move: customerIds, fromCollector or under (or several of them).")
            .When(request.CustomerIds is { Count: > MaxListedCustomers }, "customerIds", $"at most {MaxListedCustomers} ids per request; use fromCollector or under for more.");
        string? path = null;
        if (request.Under is { } root)
        {
            path = await db.Customers.Where(c => c.Id == root).Select(c => c.HierarchyPath).SingleOrDefaultAsync(cancellationToken);
            validation.When(path is null, "under", "no such customer in this tenant.");
        }

        if (!validation.IsValid)
        {
            return Outcome<ReassignResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await CustomerQueries.ReassignAsync(db, request.CustomerIds?.ToArray(), request.FromCollector?.Trim(), path, request.ToCollector!.Trim(),
            request.Portfolio?.Trim(), cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var customer in moved)
        {
            db.AddToOutbox(Updated(customer, now), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<ReassignResponse>.Ok(new ReassignResponse(moved.Count));
    }

    public async Task<CustomerResponse?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } customer ? CustomerResponses.Of(customer) : null;

    /// <summary>The customer by id, or else by code: how other services find a customer they have not yet heard of.</summary>
    public async Task<CustomerResponse?> ResolveAsync(Guid? id, string? code, CancellationToken cancellationToken = default)
    {
        var query = db.Customers.AsNoTracking();
        query = id is { } customerId ? query.Where(c => c.Id == customerId) : query.Where(c => c.Code == (code ?? "").Trim());
        return await query.SingleOrDefaultAsync(cancellationToken) is { } customer ? CustomerResponses.Of(customer) : null;
    }

    /// <summary>The event other services keep their copy from, with the customer's whole current state.</summary>
    internal static CustomerUpdated Updated(Customer c, DateTimeOffset at) =>
        new(c.TenantId, c.Id, c.Code, c.Name, c.Gstin, c.DefaultTerms, c.AssignedCollector, c.Portfolio, c.Status, at, c.Type, c.Region, c.ParentId);

    private static Outcome<CustomerResponse> CodeTaken(string code) =>
        Outcome<CustomerResponse>.Conflict("The customer code is taken.", $"A customer with code '{code}' already exists in this tenant.");
}
