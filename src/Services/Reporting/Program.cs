using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Aging;
using ArPlatform.Reporting.Customers;
using ArPlatform.Reporting.Kpis;
using ArPlatform.Reporting.Outcomes;
using ArPlatform.Reporting.Persistence;
using ArPlatform.Reporting.Plans;
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
    bus.AddConsumer<CustomerRegisteredConsumer>();
    bus.AddConsumer<CustomersRegisteredConsumer>();
    bus.AddConsumer<CustomerUpdatedConsumer>();
    bus.AddConsumer<PromiseToPayMadeConsumer>();
    bus.AddConsumer<PromiseToPayKeptConsumer>();
    bus.AddConsumer<PromiseToPayBrokenConsumer>();
    bus.AddConsumer<DisputeRaisedConsumer>();
    bus.AddConsumer<DisputeResolvedConsumer>();
});
builder.Services.AddScoped<KpiReports>();
builder.Services.AddScoped<CollectionPlans>();
builder.AddApiDocument();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapAgingEndpoints();
app.MapKpiEndpoints();
app.MapPlanEndpoints();
app.Run();
