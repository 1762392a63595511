namespace ArPlatform.Hosting.Tests;

/// <summary>A server that exits while starting (another process took one of its ports in the meantime) is started again.</summary>
public sealed class ServerRestartTests
{
    [Fact]
    public async Task A_server_that_exits_while_starting_is_started_again()
    {
        var server = new ExitingServer("flaky", failingStarts: 1);
        await using var app = App(server);

        await app.StartAsync();

        Assert.Equal(2, server.Starts);
        Assert.Equal(ResourceState.Running, server.State);
    }

    [Fact]
    public async Task A_server_that_keeps_exiting_fails_the_start_after_three_attempts()
    {
        var server = new ExitingServer("broken", failingStarts: 10);
        await using var app = App(server);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("broken exited with code 3 while starting", failure.Message);
        Assert.Equal(3, server.Starts);
    }

    private static DistributedApplication App(ServerResource server)
    {
        var builder = DistributedApplicationBuilder.CreateForTesting();
        builder.AddResource(server);
        var app = builder.Build();
        app.ConsoleOutput = false;
        return app;
    }

    /// <summary>Exits at once on its first <paramref name="failingStarts"/> starts, as a server does whose port was taken.</summary>
    private sealed class ExitingServer(string name, int failingStarts) : ServerResource(name)
    {
        public int Starts { get; private set; }

        public override string? Url => null;

        public override string Image => "none";

        protected override (string File, IEnumerable<string> Arguments, IReadOnlyDictionary<string, string?> Environment) Command(RunContext context) =>
            ("/bin/sh", ["-c", ++Starts <= failingStarts ? "exit 3" : "exec sleep 60"], new Dictionary<string, string?>());

        protected override Task<bool> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult(Starts > failingStarts);
    }
}
