using System.Diagnostics;
using ArPlatform.AppHost;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

var started = Stopwatch.StartNew();
var builder = DistributedApplication.CreateBuilder(args);
// The dashboard at a fixed local address, over plain HTTP (no developer certificate here); the environment overrides.
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Dashboard.Defaults });
// "--publisher manifest" writes Aspire's manifest alone, not the whole publish pipeline (images, registries).
if (builder.Configuration["publisher"] == "manifest" && builder.Configuration["Pipeline:Step"] is null)
{
    builder.Configuration["Pipeline:Step"] = "publish-manifest";
}

Topology.Define(builder);

using var app = builder.Build();
if (builder.ExecutionContext.IsPublishMode)
{
    await app.RunAsync();
    return;
}

using var starting = new CancellationTokenSource();
var progress = StartupProgress.WatchAsync(app.ResourceNotifications, started, starting.Token);
await app.StartAsync();
await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway);
await starting.CancelAsync();
await progress;
Console.WriteLine(await Welcome.TextAsync(app, builder.Configuration, started.Elapsed));
await app.WaitForShutdownAsync();
