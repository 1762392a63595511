using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Identity.Clients;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.Tenants;
using ArPlatform.Identity.Tokens;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTenantDatabase<IdentityDbContext>(ResourceNames.IdentityDb);
builder.AddMessaging(ResourceNames.Identity);
builder.AddOutboxRelay<IdentityDbContext>();
builder.AddPlatformAuthentication();
builder.AddTokenServer();
builder.Services.AddHostedService<AdminClientSeeder>();
builder.AddApiDocument();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapTokenEndpoint();
app.MapTenantEndpoints();
app.MapClientEndpoints();
app.Run();
