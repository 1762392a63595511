using System.ComponentModel.DataAnnotations;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Tenants;

public sealed record InvoiceSettingsRequest([property: Range(0, 90)] int? DueSoonDays);

public sealed record InvoiceSettingsResponse(int DueSoonDays);

public static class InvoiceSettingsEndpoints
{
    public static void MapInvoiceSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/invoices/settings").WithTags("Invoices");
        settings.MapGet("/", async (InvoicesDbContext db) =>
                new InvoiceSettingsResponse(await db.InvoiceSettings.Select(s => (int?)s.DueSoonDays).SingleOrDefaultAsync() ?? InvoiceSettings.DefaultDueSoonDays))
            .RequireTenantScope(Scopes.InvoicesRead).WithName("GetInvoiceSettings");
        settings.MapPut("/", PutAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("SetInvoiceSettings")
            .WithSummary("Sets how many days before the due date InvoiceDueSoon is published (0-90).").ProducesValidationProblem();
    }

    private static async Task<IResult> PutAsync(InvoiceSettingsRequest request, InvoicesDbContext db)
    {
        var validation = new Validation().Required("dueSoonDays", request.DueSoonDays).When(request.DueSoonDays is < 0 or > 90, "dueSoonDays", "must be between 0 and 90.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var settings = await db.InvoiceSettings.SingleOrDefaultAsync();
        if (settings is null)
        {
            db.InvoiceSettings.Add(settings = new InvoiceSettings { TenantId = db.Tenant.RequiredTenantId });
        }

        settings.DueSoonDays = request.DueSoonDays!.Value;
        await db.SaveChangesAsync();
        return TypedResults.Ok(new InvoiceSettingsResponse(settings.DueSoonDays));
    }
}
