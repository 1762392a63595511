using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

public sealed record RegisterCustomerRequest(string? Code, string? Name, string? Gstin);

public sealed record CustomerResponse(Guid Id, string Code, string Name, string? Gstin, DateTimeOffset CreatedAt);

public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers").WithTags("Customers");
        customers.MapPost("/", RegisterAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("RegisterCustomer")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.CustomersRead).WithName("GetCustomer");
        customers.MapGet("/", ListAsync).RequireTenantScope(Scopes.CustomersRead).WithName("ListCustomers");
    }

    private static async Task<IResult> RegisterAsync(RegisterCustomerRequest request, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation().Required("code", request.Code, maxLength: 50).Required("name", request.Name);
        var gstin = string.IsNullOrWhiteSpace(request.Gstin) ? null : request.Gstin.Trim();
        if (gstin is not null && Gstin.Validate(gstin) is { } rule)
        {
            validation.Add("gstin", rule);
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
        var customer = new Customer { Id = Guid.CreateVersion7(now), Code = code, Name = request.Name!.Trim(), Gstin = gstin, CreatedAt = now };
        db.Customers.Add(customer);
        db.AddToOutbox(new CustomerRegistered(db.Tenant.RequiredTenantId, customer.Id, customer.Code, customer.Name, customer.Gstin, now), clock);
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
            c => new CustomerResponse(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt)));
    }

    private static CustomerResponse ToResponse(Customer c) => new(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt);
}
