using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.AddTenantDatabase<CustomersDbContext>(ResourceNames.CustomersDb);
builder.AddMessaging(ResourceNames.Customers);
builder.AddOutboxRelay<CustomersDbContext>();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapCustomerEndpoints();
app.Run();
