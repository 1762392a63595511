using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Contacts;
using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Imports;
using ArPlatform.Customers.Persistence;
using ArPlatform.Customers.Risk;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Imports;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<CustomersDbContext>(ResourceNames.CustomersDb);
builder.AddMessaging(ResourceNames.Customers, bus =>
{
    bus.AddConsumer<InvoiceIssuedExposure>();
    bus.AddBulkConsumer<InvoicesIssuedExposure>();
    bus.AddConsumer<PaymentAllocatedExposure>();
    bus.AddConsumer<PaymentReversedExposure>();
    bus.AddConsumer<CreditNoteExposure>();
    bus.AddConsumer<DebitNoteExposure>();
    bus.AddConsumer<WriteOffExposure>();
    bus.AddConsumer<CancellationExposure>();
    bus.AddConsumer<InvoiceSettledBehaviour>();
    bus.AddConsumer<InvoiceOverdueBehaviour>();
});
builder.AddOutboxRelay<CustomersDbContext>();
builder.Services.AddScoped<CustomerService>();
builder.Services.AddScoped<IImportHandler, CustomerImportHandler>();
builder.AddImports<CustomersDbContext>();
builder.Services.AddSingleton<RiskScoringJob>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RiskScoringJob>());
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapCustomerEndpoints();
app.MapCustomerUpdateEndpoints();
app.MapCreditEndpoints();
app.MapContactEndpoints();
app.MapRiskEndpoints();
app.MapCreditRequestEndpoints();
app.MapImportEndpoints<CustomersDbContext>(CustomerCsv.Kind, Scopes.CustomersRead, Scopes.CustomersWrite);
app.Run();
