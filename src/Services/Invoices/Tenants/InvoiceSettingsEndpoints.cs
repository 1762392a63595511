using System.ComponentModel.DataAnnotations;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Invoices.Tenants;

public sealed record InvoiceSettingsRequest([property: Range(0, 90)] int? DueSoonDays);

public sealed record InvoiceSettingsResponse(int DueSoonDays);

public static class InvoiceSettingsEndpoints
{
    public static void MapInvoiceSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/invoices/settings").WithTags("Invoices");
        settings.MapGet("/", (InvoiceSettingsService service, CancellationToken ct) => service.GetAsync(ct))
            .RequireTenantScope(Scopes.InvoicesRead).WithName("GetInvoiceSettings");
        settings.MapPut("/", PutAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("SetInvoiceSettings")
            .WithSummary("Sets how many days before the due date InvoiceDueSoon is published (0-90).").ProducesValidationProblem();
    }

    private static async Task<IResult> PutAsync(InvoiceSettingsRequest request, InvoiceSettingsService settings, CancellationToken ct) =>
        (await settings.PutAsync(request.DueSoonDays, ct)).ToResult(TypedResults.Ok);
}
