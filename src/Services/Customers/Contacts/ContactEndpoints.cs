using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Contacts;

public sealed record ContactRequest(
    [property: MaxLength(200)] string? Name, [property: MaxLength(100)] string? Role, [property: MaxLength(2)] string? EscalationLevel, [property: MaxLength(30)] string? Phone, [property: MaxLength(200)] string? Email,
    [property: MaxLength(8)] string? PreferredChannel);

public sealed record ContactResponse(Guid Id, string Name, string? Role, string EscalationLevel, string? Phone, string? Email, string PreferredChannel);

public static partial class ContactEndpoints
{
    public static readonly IReadOnlyList<string> Levels = ["L1", "L2", "L3"];
    public static readonly IReadOnlyList<string> Channels = ["phone", "email", "whatsapp", "sms"];

    /// <summary>Indian mobile: 10 digits starting 6-9, optionally +91 or 0 before it.</summary>
    [GeneratedRegex(@"^(\+91[\s-]?|0)?[6-9][0-9]{9}$")]
    private static partial Regex Mobile();

    /// <summary>Indian landline: 0, an STD code of 2-4 digits, and a subscriber number, 10 digits after the 0 in all.</summary>
    [GeneratedRegex(@"^(\+91[\s-]?|0)[1-9][0-9]{1,3}[\s-]?[0-9]{6,8}$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/v1/customers/{id:guid}/contacts").WithTags("Contacts");
        contacts.MapPost("/", AddAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("AddContact")
            .WithSummary("Adds a contact with its escalation level (L1 accounts payable, L2 finance manager, L3 upper management).")
            .ProducesValidationProblem();
        contacts.MapGet("/", ListAsync).RequireTenantScope(Scopes.CustomersRead).WithName("ListContacts");
    }

    /// <summary>True for an Indian mobile or landline number (spaces and dashes between groups allowed).</summary>
    public static bool IsIndianPhone(string phone)
    {
        var compact = phone.Trim();
        return Mobile().IsMatch(compact.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)) || Landline().IsMatch(compact);
    }

    private static async Task<IResult> AddAsync(Guid id, ContactRequest request, CustomersDbContext db, TimeProvider clock)
    {
        var validation = new Validation()
            .Required("name", request.Name, maxLength: 200)
            .Text("role", request.Role, maxLength: 100)
            .When(request.EscalationLevel is not { } level || !Levels.Contains(level), "escalationLevel", "is required: L1, L2 or L3.")
            .When(request.Phone is null && request.Email is null, "phone", "give a phone number or an email address.")
            .When(request.Phone is { } phone && (phone.Length > 30 || !IsIndianPhone(phone)), "phone", "must be an Indian mobile (e.g. +91 98765 43210) or landline (e.g. 022-24567890).")
            .When(request.Email is { } email && (email.Length > 200 || !Email().IsMatch(email)), "email", "must be an email address such as ap@example.in.")
            .When(request.PreferredChannel is { } channel && !Channels.Contains(channel), "preferredChannel", $"must be one of {string.Join(", ", Channels)}.")
            .When(request.PreferredChannel is "email" && request.Email is null, "preferredChannel", "email needs an email address.")
            .When(request.PreferredChannel is "phone" or "whatsapp" or "sms" && request.Phone is null, "preferredChannel", "needs a phone number.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id))
        {
            return TypedResults.NotFound();
        }

        var contact = new Contact
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            CustomerId = id,
            Name = request.Name!.Trim(),
            Role = request.Role?.Trim(),
            EscalationLevel = request.EscalationLevel!,
            Phone = request.Phone?.Trim(),
            Email = request.Email?.Trim(),
            PreferredChannel = request.PreferredChannel ?? (request.Phone is null ? "email" : "phone"),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/customers/{id}/contacts", ToResponse(contact));
    }

    private static async Task<IResult> ListAsync(Guid id, CustomersDbContext db) =>
        await db.Customers.AnyAsync(c => c.Id == id)
            ? TypedResults.Ok((await db.Contacts.AsNoTracking().Where(c => c.CustomerId == id).OrderBy(c => c.EscalationLevel).ThenBy(c => c.Name).ToListAsync())
                .Select(ToResponse))
            : TypedResults.NotFound();

    private static ContactResponse ToResponse(Contact c) => new(c.Id, c.Name, c.Role, c.EscalationLevel, c.Phone, c.Email, c.PreferredChannel);
}
