using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Templates;

public sealed record TemplateRequest([property: MaxLength(10)] string? Channel, [property: MaxLength(500)] string? Subject, [property: MaxLength(100000)] string? Body);

public sealed record TemplateResponse(string Code, string Channel, string Subject, string Body, bool IsDefault);

public static class TemplateEndpoints
{
    public static void MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/templates").WithTags("Communications");
        group.MapGet("/", async (TemplateService templates, CancellationToken ct) => TypedResults.Ok(await templates.ListAsync(ct)))
            .RequireTenantScope(Scopes.CollectionsRead).WithName("ListTemplates").WithSummary("Every template code: the tenant's own and the defaults it has not replaced.");
        group.MapGet("/{code}", async Task<IResult> (string code, TemplateService templates, CancellationToken ct) =>
                (await templates.ListAsync(ct)).FirstOrDefault(t => t.Code == code) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound())
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetTemplate");
        group.MapPut("/{code}", async (string code, TemplateRequest request, TemplateService templates, ClaimsPrincipal user, CancellationToken ct) =>
                (await templates.PutAsync(code, request, user.Actor(), ct)).ToResult(TypedResults.Ok))
            .RequireTenantScope(Scopes.CollectionsAdmin).WithName("PutTemplate").ProducesValidationProblem().WithRequestExample(new
            {
                channel = "email",
                subject = "{{ client.name }}: {{ totals.dunned | inr }} overdue on your account {{ customer.code }}",
                body = "<p>Dear {{ contact.name | default: 'Sir/Madam' }},</p><p>As on {{ as_of | indian_date }} the following remain unpaid:</p>{{ items_table }}<p>Regards,<br>{{ collector | default: 'Collections team' }}</p>",
            })
            .WithSummary("Sets the tenant's template for a code, recorded in the audit and told to the client's SPOC (Liquid; variables: customer, contact, items, items_table, totals, as_of, collector, client, spoc, step, dispute; filters inr and indian_date).");
    }
}
