using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Documents.Pending;
using ArPlatform.Documents.Persistence;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<DocumentsDbContext>(ResourceNames.DocumentsDb);
builder.AddMessaging(ResourceNames.Documents, bus =>
{
    bus.AddConsumer<InvoiceIssuedConsumer>();
    bus.AddConsumer<InvoicesIssuedConsumer>();
});
builder.AddApiDocument();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapPendingEndpoints();
app.Run();
