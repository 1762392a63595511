using ArPlatform.Collections.Audit;
using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Templates;

/// <summary>A template as the audit keeps it.</summary>
public sealed record TemplateValue(string Channel, string Subject, string Body, bool IsDefault);

/// <summary>Message templates (Liquid): the tenant's own by code, replacing the default of that code.</summary>
public sealed class TemplateService(CollectionsDbContext db, TimeProvider clock, TemplateRenderer renderer)
{
    public async Task<List<TemplateResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var own = await db.Templates.AsNoTracking().ToListAsync(cancellationToken);
        return [.. own.Select(t => new TemplateResponse(t.Code, t.Channel, t.Subject, t.Body, false))
            .Concat(DefaultTemplates.All.Where(d => !own.Any(t => t.Code == d.Code)).Select(d => new TemplateResponse(d.Code, d.Channel, d.Subject, d.Body, true)))
            .OrderBy(t => t.Code, StringComparer.Ordinal)];
    }

    /// <summary>Replaces (or creates) the tenant's template: recorded with who did it, and told to the client's SPOC.</summary>
    public async Task<Outcome<TemplateResponse>> PutAsync(string code, TemplateRequest request, Actor actor, CancellationToken cancellationToken)
    {
        string? subjectError = null, bodyError = null;
        var validation = new Validation()
            .When(!Strategies.StrategyService.CodePattern().IsMatch(code), "code", "must be lower-case letters, digits and dashes, at most 50.")
            .When(request.Channel is not { } c || !Channels.All.Contains(c), "channel", $"is required: one of {string.Join(", ", Channels.All)}.")
            .When(request.Channel != Channels.Sms && string.IsNullOrWhiteSpace(request.Subject), "subject", "is required for email and letters.")
            .Text("subject", request.Subject, maxLength: 500)
            .Required("body", request.Body, maxLength: 100_000)
            .When(request.Subject is { } s && !TemplateRenderer.TryValidate(s, out subjectError), "subject", $"is not valid Liquid: {subjectError}")
            .When(request.Body is { } b && !TemplateRenderer.TryValidate(b, out bodyError), "body", $"is not valid Liquid: {bodyError}");
        if (validation.IsValid && renderer.Trial(new MessageTemplate(code, request.Channel!, request.Subject ?? "", request.Body!)) is { } exceeded)
        {
            validation.Add(exceeded.Part, $"{exceeded.Error} (rendered for an account with 50 invoices).");
        }

        if (!validation.IsValid)
        {
            return Outcome<TemplateResponse>.Invalid(validation);
        }

        var template = await db.Templates.SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        var before = template is not null ? new TemplateValue(template.Channel, template.Subject, template.Body, false)
            : DefaultTemplates.Find(code) is { } d ? new TemplateValue(d.Channel, d.Subject, d.Body, true) : null;
        if (template is null)
        {
            template = new TenantTemplate { Code = code, Channel = "", Subject = "", Body = "" };
            db.Templates.Add(template);
        }

        var now = clock.GetUtcNow();
        (template.Channel, template.Subject, template.Body, template.UpdatedAt) = (request.Channel!, request.Subject ?? "", request.Body!, now);
        if (ConfigAudit.Record(db, AuditedEntities.Template, code, before, new TemplateValue(template.Channel, template.Subject, template.Body, false), actor, now) is not null)
        {
            var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            SpocNotice.Queue(db, db.Tenant.RequiredTenantId, [SpocNotice.Spoc(settings)], $"the {code} template ({template.Channel})",
                [before is null ? "A new template." : before.IsDefault ? "It replaces the platform's default wording." : "It replaces the wording used until now.",
                    $"Subject now: {template.Subject}"], actor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<TemplateResponse>.Ok(new TemplateResponse(code, template.Channel, template.Subject, template.Body, false));
    }
}
