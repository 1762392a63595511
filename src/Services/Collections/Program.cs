using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<CollectionsDbContext>(ResourceNames.CollectionsDb);
builder.AddMessaging(ResourceNames.Collections, bus => bus.AddCollectionsConsumers());
builder.AddOutboxRelay<CollectionsDbContext>();
builder.AddDailyJobs<CollectionsDbContext>(db => db.Tenants.Select(t => t.Id));
builder.Services.AddCollections();
builder.AddApiDocument();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapCollectionsEndpoints();
app.MapDailyJobEndpoints<CollectionsDbContext>();
app.Run();
