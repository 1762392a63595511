using System.ComponentModel.DataAnnotations;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Customers.Contacts;

public sealed record ContactRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(100)] string? Role, [property: MaxLength(2)] string? EscalationLevel, [property: MaxLength(30)] string? Phone, [property: MaxLength(200)] string? Email,
    [property: MaxLength(8)] string? PreferredChannel);

public sealed record ContactResponse(Guid Id, string Name, string? Role, string EscalationLevel, string? Phone, string? Email, string PreferredChannel);

public static class ContactEndpoints
{
    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/v1/customers/{id:guid}/contacts").WithTags("Contacts");
        contacts.MapPost("/", AddAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("AddContact")
            .WithSummary("Adds a contact with its escalation level (L1 accounts payable, L2 finance manager, L3 upper management).")
            .ProducesValidationProblem();
        contacts.MapGet("/", ListAsync).RequireTenantScope(Scopes.CustomersRead).WithName("ListContacts");
    }

    /// <summary>True for an Indian mobile or landline number (spaces and dashes between groups allowed).</summary>
    public static bool IsIndianPhone(string phone) => ContactService.IsIndianPhone(phone);

    private static async Task<IResult> AddAsync(Guid id, ContactRequest request, ContactService contacts, CancellationToken cancellationToken) =>
        (await contacts.AddAsync(id, request, cancellationToken)).ToResult(c => TypedResults.Created($"/api/v1/customers/{id}/contacts", c));

    private static async Task<IResult> ListAsync(Guid id, ContactService contacts, CancellationToken cancellationToken) =>
        await contacts.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();
}
