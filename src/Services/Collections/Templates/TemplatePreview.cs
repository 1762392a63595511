using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Templates;

public sealed record TemplatePreviewResponse(string Code, string Channel, Guid CustomerId, string Subject, string Body, string Text);

/// <summary>
/// A template rendered for a real account as of today: its overdue items, its first contact, the client's name and
/// SPOC, as a reminder would be (step "Preview"). Nothing is sent or stored.
/// </summary>
public static class TemplatePreview
{
    public static void MapTemplatePreview(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/templates/{code}/preview", PreviewAsync).WithTags("Communications").RequireTenantScope(Scopes.CollectionsRead)
            .WithName("PreviewTemplate").WithSummary("The template rendered for one of the tenant's accounts (customerId) as of today, without sending it.");

    private static async Task<IResult> PreviewAsync(
        string code, Guid? customerId, CollectionsDbContext db, TemplateRenderer renderer, TimeProvider clock, CancellationToken ct)
    {
        if (customerId is null)
        {
            return new Validation().Add("customerId", "is required: the account to render the template for.").Problem();
        }

        var own = await db.Templates.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        if (!own.ContainsKey(code) && DefaultTemplates.Find(code) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such template.", detail: $"There is no template {code}: see GET /api/v1/collections/templates.");
        }

        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == customerId, ct);
        if (account is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account.", detail: $"Customer {customerId} has no collections account in this tenant.");
        }

        var today = BusinessDate.Today(clock);
        var items = await db.Items.AsNoTracking().Where(i => i.CustomerId == customerId && i.Issued && i.OpenAmount > 0).OrderBy(i => i.DueDate).ToListAsync(ct);
        var contact = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.EscalationLevel).FirstOrDefaultAsync(ct);
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct);
        var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == account.TenantId).Select(t => t.Name).SingleOrDefaultAsync(ct);
        var model = new CommunicationModel(
            account.Code, account.Name,
            contact is null ? null : new CommunicationContact(contact.Name, contact.Role, contact.EscalationLevel, contact.Email, contact.Phone),
            [.. items.Select(i => new CommunicationItem(i.Number, i.InvoiceDate, i.DueDate, i.OpenAmount, i.OpenAmount, Math.Max(0, today.DayNumber - i.DueDate.DayNumber)))],
            today, account.Collector, settings?.ClientName ?? tenantName ?? "our client",
            settings?.Spoc is { } spoc ? new CommunicationParty(spoc.Name, spoc.Email, spoc.Phone) : null, "Preview", "email");
        var template = MessageComposer.Template(own, code);
        RenderedMessage rendered;
        try
        {
            rendered = renderer.Render(template, model, ct);
        }
        catch (TemplateLimitExceededException e)
        {
            // The stored template exceeds the limits (ADR 0027): which part, and what, as the put of it would have said.
            return new Validation().Add(e.Part, $"{e.Message}: the template cannot be rendered for this account; put a shorter one.").Problem();
        }

        return TypedResults.Ok(new TemplatePreviewResponse(code, template.Channel, account.CustomerId, rendered.Subject, rendered.Body, rendered.Text));
    }
}
