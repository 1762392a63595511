using System.Text.RegularExpressions;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Contacts;

/// <summary>The contact use cases: add a person to call at a customer, list them.</summary>
public sealed partial class ContactService(CustomersDbContext db, TimeProvider clock)
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

    /// <summary>True for an Indian mobile or landline number (spaces and dashes between groups allowed).</summary>
    public static bool IsIndianPhone(string phone)
    {
        var compact = phone.Trim();
        return Mobile().IsMatch(compact.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)) || Landline().IsMatch(compact);
    }

    public async Task<Outcome<ContactResponse>> AddAsync(Guid id, ContactRequest request, CancellationToken cancellationToken = default)
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
            return Outcome<ContactResponse>.Invalid(validation);
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Outcome<ContactResponse>.NotFound();
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
        db.AddToOutbox(new CustomerContactAdded(db.Tenant.RequiredTenantId, id, contact.Id, contact.Name, contact.Role, contact.EscalationLevel, contact.Phone,
            contact.Email, contact.PreferredChannel), clock);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<ContactResponse>.Ok(ToResponse(contact));
    }

    /// <summary>The customer's contacts by escalation level and name; null when there is no such customer.</summary>
    public async Task<List<ContactResponse>?> ListAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Customers.AnyAsync(c => c.Id == id, cancellationToken)
            ? [.. (await db.Contacts.AsNoTracking().Where(c => c.CustomerId == id).OrderBy(c => c.EscalationLevel).ThenBy(c => c.Name).ToListAsync(cancellationToken))
                .Select(ToResponse)]
            : null;

    private static ContactResponse ToResponse(Contact c) => new(c.Id, c.Name, c.Role, c.EscalationLevel, c.Phone, c.Email, c.PreferredChannel);
}
