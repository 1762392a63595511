using ArPlatform.AppHost;
using ArPlatform.Hosting;

var builder = DistributedApplicationBuilder.CreateBuilder(args);
Topology.Define(builder);

var app = builder.Build();
app.Welcome = () => Welcome.Text(app);
await app.RunAsync();
