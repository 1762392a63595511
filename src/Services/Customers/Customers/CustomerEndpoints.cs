using System.ComponentModel.DataAnnotations;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArPlatform.Customers.Customers;

/// <summary>An address of the customer: its kind (billing, shipping, registered or other), lines of up to 200 characters, a city of up to 100, a GST state code and a 6-digit PIN code.</summary>
public sealed record AddressRequest(
    [property: MaxLength(20)] string? Kind, [property: MaxLength(200)] string? Line1, [property: MaxLength(200)] string? Line2,
    [property: MaxLength(100)] string? City, [property: MaxLength(2)] string? StateCode, [property: MaxLength(6)] string? Pincode)
{
    public static readonly IReadOnlyList<string> Kinds = ["billing", "shipping", "registered", "other"];
}

public sealed record RegisterCustomerRequest(
    [property: MaxLength(50)] string? Code, [property: MaxLength(200)] string? Name, [property: MaxLength(15)] string? Gstin, CustomerTerms? Terms = null, [property: MaxLength(200)] string? TradeName = null,
    [property: MaxLength(11)] string? Type = null, [property: MaxLength(8)] string? Status = null, [property: MaxLength(50)][property: ItemsMaxLength(50)] List<string>? Tags = null,
    [property: MaxLength(10)] string? Pan = null, [property: MaxLength(2)] string? StateCode = null, Guid? ParentId = null, [property: MaxLength(100)] string? AssignedCollector = null,
    [property: MaxLength(100)] string? Portfolio = null, [property: MaxLength(20)] List<AddressRequest>? Addresses = null);

public sealed record CustomerResponse(
    Guid Id, string Code, string Name, string? Gstin, DateTimeOffset CreatedAt, CustomerTerms? Terms = null, string? TradeName = null,
    string Type = CustomerTypes.Corporate, string Status = CustomerStatuses.Active, IReadOnlyList<string>? Tags = null, string? Pan = null,
    string? StateCode = null, string? StateName = null, string? Region = null, Guid? ParentId = null, string? AssignedCollector = null,
    string? Portfolio = null, System.Text.Json.Nodes.JsonArray? Addresses = null, Credit.CreditResponse? Credit = null);

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

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> ResolveAsync(Guid? id, string? code, CustomerService customers, CancellationToken cancellationToken) =>
        await customers.ResolveAsync(id, code, cancellationToken) is { } customer ? TypedResults.Ok(customer) : TypedResults.NotFound();

    private static async Task<IResult> RegisterAsync(RegisterCustomerRequest request, CustomerService customers, CancellationToken cancellationToken) =>
        (await customers.RegisterAsync(request, cancellationToken)).ToResult(c => TypedResults.Created($"/api/v1/customers/{c.Id}", c));

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> GetAsync(Guid id, CustomerService customers, CancellationToken cancellationToken) =>
        await customers.GetAsync(id, cancellationToken) is { } customer ? TypedResults.Ok(customer) : TypedResults.NotFound();

    private static async Task<IResult> ListAsync(
        CustomerList list, int? page, int? pageSize, string? search, Guid? under, string? region, string? stateCode, string? type, string? collector, string? code,
        string? gstin, string? rating, bool? onHold, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        return (await list.ListAsync(new CustomerFilter(search, under, region, stateCode, type, collector, code, gstin, rating, onHold), page, pageSize, cancellationToken))
            .ToResult(customers => TypedResults.Ok(customers));
    }
}

/// <summary>How a customer reads in the API.</summary>
public static class CustomerResponses
{
    public static CustomerResponse Of(Customer c) =>
        new(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt, c.DefaultTerms, c.TradeName, c.Type, c.Status, c.Tags, c.Pan, c.StateCode, c.StateName, c.Region,
            c.ParentId, c.AssignedCollector, c.Portfolio, System.Text.Json.Nodes.JsonNode.Parse(c.Addresses)?.AsArray(), Credit.CreditHolds.ToResponse(c));
}
