using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.BuildingBlocks.Jobs;

public static class DailyJobRegistration
{
    /// <summary>
    /// The daily-job runner on <typeparamref name="TContext"/>'s daily_job_runs table (add
    /// <see cref="DailyJobModel.AddDailyJobTables"/> to the model), for the tenants <paramref name="tenants"/> lists;
    /// settings from <c>Jobs:Daily</c> (<see cref="DailyJobOptions"/>). Add the jobs with <see cref="AddDailyJob{TJob}"/>
    /// and map <see cref="DailyJobEndpoints.MapDailyJobEndpoints{TContext}"/>.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="tenants">The ids of every tenant the service knows, from its tenants table.</param>
    public static IHostApplicationBuilder AddDailyJobs<TContext>(this IHostApplicationBuilder builder, Func<TContext, IQueryable<Guid>> tenants)
        where TContext : TenantDbContext
    {
        builder.Services.AddOptions<DailyJobOptions>().BindConfiguration(DailyJobOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease >= TimeSpan.FromSeconds(3) && o.MaxAttempts >= 1 && o.TenantBudget > TimeSpan.Zero,
                $"{DailyJobOptions.Section}: PollInterval must be positive, Lease at least 3 seconds, MaxAttempts at least 1 and TenantBudget positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(new DailyJobTenants<TContext>(tenants));
        builder.Services.AddSingleton<DailyJobRunner<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DailyJobRunner<TContext>>());
        return builder;
    }

    /// <summary>A job the daily-job runner runs once per tenant and business date; also resolvable as itself.</summary>
    public static IServiceCollection AddDailyJob<TJob>(this IServiceCollection services) where TJob : class, IDailyJob
    {
        services.AddSingleton<TJob>();
        services.AddSingleton<IDailyJob>(sp => sp.GetRequiredService<TJob>());
        return services;
    }
}
