using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.CreditNotes;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Payments;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<InvoicesDbContext>(ResourceNames.InvoicesDb);
builder.AddMessaging(ResourceNames.Invoices);
builder.AddOutboxRelay<InvoicesDbContext>();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapInvoiceEndpoints();
app.MapPaymentEndpoints();
app.MapCreditNoteEndpoints();
app.Run();
