using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Tenants;

/// <summary>The tenant's invoicing settings: how many days before its due date an invoice is announced as due soon.</summary>
public sealed class InvoiceSettingsService(InvoicesDbContext db)
{
    public async Task<InvoiceSettingsResponse> GetAsync(CancellationToken cancellationToken) =>
        new(await db.InvoiceSettings.Select(s => (int?)s.DueSoonDays).SingleOrDefaultAsync(cancellationToken) ?? InvoiceSettings.DefaultDueSoonDays);

    public async Task<Outcome<InvoiceSettingsResponse>> PutAsync(int? dueSoonDays, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("dueSoonDays", dueSoonDays).When(dueSoonDays is < 0 or > 90, "dueSoonDays", "must be between 0 and 90.");
        if (!validation.IsValid)
        {
            return Outcome<InvoiceSettingsResponse>.Invalid(validation);
        }

        var settings = await db.InvoiceSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            db.InvoiceSettings.Add(settings = new InvoiceSettings { TenantId = db.Tenant.RequiredTenantId });
        }

        settings.DueSoonDays = dueSoonDays!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<InvoiceSettingsResponse>.Ok(new InvoiceSettingsResponse(settings.DueSoonDays));
    }
}
