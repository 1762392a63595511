namespace ArPlatform.Hosting.Tests;

public sealed class RecoveryTests
{
    [Fact]
    public async Task A_start_after_a_crash_stops_the_leftover_servers_and_comes_up_healthy()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arplatform-recovery-" + Guid.NewGuid().ToString("N")[..8]);
        var crashed = Build(directory);
        await crashed.StartAsync();
        var leftover = crashed.Resource<RedisResource>("cache").ProcessId!.Value;
        var leftoverPostgres = crashed.Resource<PostgresServerResource>("postgres").ProcessId!.Value;
        crashed.AbandonForTesting(); // as kill -9 would: the servers keep running, the pid files stay

        await using var restarted = Build(directory);
        await restarted.StartAsync();

        Assert.Equal("", ManagedProcess.StartTimeOf(leftover));
        Assert.Equal("", ManagedProcess.StartTimeOf(leftoverPostgres));
        Assert.NotEqual(leftover, restarted.Resource<RedisResource>("cache").ProcessId);
        Assert.True(await restarted.Resource<PostgresServerResource>("postgres").IsHealthyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_orchestrator_on_the_same_data_folder_is_refused_with_a_clear_message()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arplatform-lock-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = DistributedApplicationBuilder.CreateForTesting(dataDirectory: directory);
        builder.AddRedis("cache");
        await using var first = builder.Build();
        first.ConsoleOutput = false;
        await first.StartAsync();

        var other = DistributedApplicationBuilder.CreateForTesting(dataDirectory: directory);
        other.AddRedis("cache");
        var second = other.Build();
        second.ConsoleOutput = false;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());
        Assert.Contains("Another AppHost is already running", error.Message);
    }

    [Fact]
    public void A_missing_package_is_named_with_the_command_that_installs_it()
    {
        var error = Assert.Throws<MissingPrerequisiteException>(() => Prerequisites.Require("no-such-package", "/nonexistent/bin/tool"));
        Assert.Contains("apt-get install -y no-such-package", error.Message);
    }

    private static DistributedApplication Build(string directory)
    {
        var builder = DistributedApplicationBuilder.CreateForTesting(dataDirectory: directory);
        builder.AddPostgres("postgres");
        builder.AddRedis("cache");
        var app = builder.Build();
        app.ConsoleOutput = false;
        return app;
    }
}
