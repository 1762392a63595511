using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Aging;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<ReportingDbContext>(ResourceNames.ReportingDb);
builder.AddMessaging(ResourceNames.Reporting, bus =>
{
    bus.AddConsumer<InvoiceIssuedConsumer>();
    bus.AddBulkConsumer<InvoicesIssuedConsumer>();
    bus.AddConsumer<PaymentAllocatedConsumer>();
    bus.AddConsumer<PaymentReversedConsumer>();
    bus.AddConsumer<CreditNoteIssuedConsumer>();
    bus.AddConsumer<DebitNoteIssuedConsumer>();
    bus.AddConsumer<InvoiceWrittenOffConsumer>();
    bus.AddConsumer<InvoiceCancelledConsumer>();
});
builder.AddApiDocument();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapAgingEndpoints();
app.Run();
