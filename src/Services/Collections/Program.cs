using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Worklist;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<CollectionsDbContext>(ResourceNames.CollectionsDb);
builder.AddMessaging(ResourceNames.Collections, bus =>
{
    bus.AddConsumer<InvoiceIssuedConsumer>();
    bus.AddConsumer<InvoicesIssuedConsumer>();
});
builder.AddApiDocument();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWorklistEndpoints();
app.Run();
