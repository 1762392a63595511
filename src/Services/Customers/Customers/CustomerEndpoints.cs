using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

public sealed record RegisterCustomerRequest(string? Code, string? Name, string? Gstin, CustomerTerms? Terms = null);

public sealed record CustomerResponse(Guid Id, string Code, string Name, string? Gstin, DateTimeOffset CreatedAt, CustomerTerms? Terms = null);

public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers").WithTags("Customers");
        customers.MapPost("/", RegisterAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("RegisterCustomer")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.CustomersRead).WithName("GetCustomer");
        customers.MapGet("/", ListAsync).RequireTenantScope(Scopes.CustomersRead).WithName("ListCustomers");

        // For other services (not routed by the gateway): Invoices resolves a customer it has not yet heard of
        // through CustomerRegistered, forwarding the caller's token, so an invoice posted right after its customer is accepted.
        app.MapGet("/internal/v1/customers/resolve", ResolveAsync).RequireTenantScope(Scopes.InvoicesWrite).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> ResolveAsync(Guid? id, string? code, CustomersDbContext db)
    {
        var query = db.Customers.AsNoTracking();
        query = id is { } customerId ? query.Where(c => c.Id == customerId) : query.Where(c => c.Code == (code ?? "").Trim());
        return await query.SingleOrDefaultAsync() is { } customer ? TypedResults.Ok(ToResponse(customer)) : TypedResults.NotFound();
    }

    private static async Task<IResult> RegisterAsync(RegisterCustomerRequest request, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation().Required("code", request.Code, maxLength: 50).Required("name", request.Name);
        var gstin = string.IsNullOrWhiteSpace(request.Gstin) ? null : request.Gstin.Trim();
        if (gstin is not null && Gstin.Validate(gstin) is { } rule)
        {
            validation.Add("gstin", rule);
        }

        if (request.Terms is { } terms)
        {
            validation
                .When(terms.NetDays is < 0 or > 3650, "terms.netDays", "must be between 0 and 3650 days.")
                .When((terms.DiscountPercent is null) != (terms.DiscountDays is null), "terms", "discountPercent and discountDays go together.")
                .When(terms.DiscountPercent is <= 0 or >= 100, "terms.discountPercent", "must be more than 0 and less than 100.")
                .When(terms.DiscountDays is < 1 || terms.DiscountDays > terms.NetDays, "terms.discountDays", "must be at least 1 and within the net days.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var code = request.Code!.Trim();
        if (await db.Customers.AnyAsync(c => c.Code == code))
        {
            return CodeTaken(code);
        }

        var now = clock.GetUtcNow();
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            Name = request.Name!.Trim(),
            Gstin = gstin,
            DefaultNetDays = request.Terms?.NetDays,
            DefaultDiscountPercent = request.Terms?.DiscountPercent,
            DefaultDiscountDays = request.Terms?.DiscountDays,
            CreatedAt = now,
        };
        db.Customers.Add(customer);
        db.AddToOutbox(new CustomerRegistered(db.Tenant.RequiredTenantId, customer.Id, customer.Code, customer.Name, customer.Gstin, now, customer.DefaultTerms), clock);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return CodeTaken(code);
        }

        return TypedResults.Created($"/api/v1/customers/{customer.Id}", ToResponse(customer));
    }

    private static ProblemHttpResult CodeTaken(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The customer code is taken.",
        detail: $"A customer with code '{code}' already exists in this tenant.");

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> GetAsync(Guid id, CustomersDbContext db) =>
        await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) is { } customer
            ? TypedResults.Ok(ToResponse(customer))
            : TypedResults.NotFound();

    private static async Task<IResult> ListAsync(CustomersDbContext db, int? page, int? pageSize, string? search)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern) || EF.Functions.ILike(c.Code, pattern));
        }

        return TypedResults.Ok(await Paging.PageAsync(query.OrderBy(c => c.Code), page, pageSize,
            c => new CustomerResponse(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt,
                c.DefaultNetDays == null ? null : new CustomerTerms(c.DefaultNetDays.Value, c.DefaultDiscountPercent, c.DefaultDiscountDays))));
    }

    private static CustomerResponse ToResponse(Customer c) => new(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt, c.DefaultTerms);
}
