using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.ServiceDefaults.Time;

public static class PlatformClockRegistration
{
    /// <summary>The setting that turns the test clock on (the AppHost's parameter <c>test-clock</c> sets <c>Platform__TestClock=true</c>).</summary>
    public const string TestClockSetting = "Platform:TestClock";

    public static bool TestClockOn(this IConfiguration configuration) => configuration.GetValue<bool>(TestClockSetting);

    /// <summary>
    /// The service's <see cref="TimeProvider"/>: the system clock, or with <c>Platform:TestClock</c> the platform test
    /// clock kept in Redis (the <c>cache</c> connection string).
    /// </summary>
    internal static void AddPlatformClock(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ClockSignal>();
        if (!builder.Configuration.TestClockOn())
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            return;
        }

        if (builder.Configuration.GetConnectionString(ResourceNames.Cache) is null)
        {
            throw new InvalidOperationException(
                $"{TestClockSetting} is on but ConnectionStrings:{ResourceNames.Cache} is not set: the test clock keeps its time in Redis.");
        }

        builder.Services.AddSingleton<PlatformTestClock>();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<PlatformTestClock>());
        builder.Services.AddSingleton<PlatformClockStore>();
        builder.Services.AddSingleton<PlatformClockSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlatformClockSync>());
    }
}
