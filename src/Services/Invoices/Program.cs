using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.CreditNotes;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.DebitNotes;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Notices;
using ArPlatform.Invoices.Payments;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Invoices.Statements;
using ArPlatform.Invoices.Tenants;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<InvoicesDbContext>(ResourceNames.InvoicesDb);
builder.AddMessaging(ResourceNames.Invoices, bus =>
{
    bus.AddConsumer<CustomerRegisteredConsumer>();
    bus.AddConsumer<TenantCreatedConsumer>();
});
builder.AddOutboxRelay<InvoicesDbContext>();
builder.AddCustomerDirectory();
builder.Services.AddScoped<InvoiceBatchWriter>();
builder.Services.AddSingleton<InvoiceNoticeJob>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<InvoiceNoticeJob>());
builder.Services.AddSingleton<MonthlyStatementJob>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MonthlyStatementJob>());
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapInvoiceEndpoints();
app.MapInvoiceBatchEndpoints();
app.MapPaymentEndpoints();
app.MapCreditNoteEndpoints();
app.MapDebitNoteEndpoints();
app.MapStatementEndpoints();
app.MapInvoiceSettingsEndpoints();
app.Run();
