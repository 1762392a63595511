using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Templates;

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

    public async Task<Outcome<TemplateResponse>> PutAsync(string code, TemplateRequest request, CancellationToken cancellationToken)
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
        if (template is null)
        {
            template = new TenantTemplate { Code = code, Channel = "", Subject = "", Body = "" };
            db.Templates.Add(template);
        }

        (template.Channel, template.Subject, template.Body, template.UpdatedAt) = (request.Channel!, request.Subject ?? "", request.Body!, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<TemplateResponse>.Ok(new TemplateResponse(code, template.Channel, template.Subject, template.Body, false));
    }
}
