using System.Text.Json.Nodes;
using ArPlatform.Hosting;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ArPlatform.Testing;

/// <summary>
/// A local SMTP server with a web inbox (the AppHost's smtp4dev resource) for one test class: what the services send is
/// read back from it, and it can be stopped and started again on the same port, as a relay that goes down.
/// </summary>
public sealed class MailFixture : IAsyncLifetime
{
    private const string Name = "mail";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arplatform-mail-" + Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication? _app;

    public string ConnectionString { get; private set; } = "";

    public HttpClient Inbox { get; private set; } = new();

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create([], (options, _) => options.DisableDashboard = true);
        builder.AddLocalSmtp(Name, new LocalServerSettings(_directory, Durable: false));
        _app = await builder.BuildAsync();
        await AppStartup.StartHealthyAsync(_app, TimeSpan.FromMinutes(2), Name);
        ConnectionString = await _app.GetConnectionStringAsync(Name) ?? "";
        Inbox = new HttpClient { BaseAddress = _app.GetEndpoint(Name, "http") };
    }

    /// <summary>Every message in the inbox, newest first, with its raw text (headers and body).</summary>
    public async Task<List<(JsonObject Summary, string Source)>> MessagesAsync()
    {
        var page = JsonNode.Parse(await Inbox.GetStringAsync("/api/messages?pageSize=1000"))!;
        var messages = new List<(JsonObject, string)>();
        foreach (var m in page["results"]!.AsArray())
        {
            messages.Add((m!.AsObject(), await Inbox.GetStringAsync($"/api/messages/{m["id"]}/raw")));
        }

        return messages;
    }

    public async Task StopAsync() => await CommandAsync(KnownResourceCommands.StopCommand);

    public async Task StartAsync()
    {
        await CommandAsync(KnownResourceCommands.StartCommand);
        await _app!.ResourceNotifications.WaitForResourceHealthyAsync(Name);
    }

    private async Task CommandAsync(string command)
    {
        var result = await _app!.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(Name, command);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} of the mail server failed: {result.Message}");
        }
    }

    public async Task DisposeAsync()
    {
        Inbox.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // smtp4dev still closing its database: the temporary folder goes with the machine.
        }
    }
}
