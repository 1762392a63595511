using System.Data.Common;
using System.Runtime.CompilerServices;
using ArPlatform.BuildingBlocks.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.BuildingBlocks.Messaging;

public static class MessagingRegistration
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:messaging</c>, as the service's own broker user. Queues are
    /// prefixed with the service name, so every service gets its own copy of an event (fan-out) while replicas of one
    /// service compete for it. Every queue and exchange the service declares besides the events' is named
    /// <c>{serviceName}-...</c>, the bus endpoint's too, which is what the broker lets the service's user write to
    /// besides the exchanges of the events it publishes (ADR 0026).
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set: run the service from the AppHost, or set ConnectionStrings__{ConnectionName}.");
        var uri = new Uri(connectionString);
        // Start-up waits until the queues are declared and bound: a service that reports healthy receives its events.
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit would otherwise send a description of the bus to its vendor: nothing leaves the platform unasked.
            x.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            consumers?.Invoke(x);
            // A consumer's fault stays in its own _error queue: nothing consumes Fault<T>, and publishing it would need
            // write access to a fault exchange per event for every service.
            x.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.PublishFaults = false);
            x.UsingRabbitMq((context, cfg) =>
            {
                var userInfo = uri.UserInfo.Split(':', 2);
                var vhost = uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
                cfg.Host(uri.Host, (ushort)uri.Port, vhost, h =>
                {
                    h.Username(Uri.UnescapeDataString(userInfo[0]));
                    h.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "");
                });
                // The bus endpoint (temporary, for responses) is the service's own, not "{machine}_{process}_bus_...".
                cfg.OverrideDefaultBusEndpointQueueName($"{serviceName}-bus-{NewId.NextGuid():N}");
                // An event goes to its own type's exchange only, not also to one for IIntegrationEvent that every
                // service would then need to write to.
                cfg.Publish<ArPlatform.Contracts.IIntegrationEvent>(p => p.Exclude = true);
                cfg.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// A consumer of a bulk event (thousands of rows per message) that updates per-customer rows, taken one message at
    /// a time per replica. Side by side, such messages only queue on each other's row locks, and every one still open
    /// keeps the row versions of the one before from being pruned, so the updates stop fitting on their pages (HOT).
    /// </summary>
    public static void AddBulkConsumer<TConsumer>(this IBusRegistrationConfigurator bus) where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>().Endpoint(endpoint =>
        {
            endpoint.ConcurrentMessageLimit = 1;
            endpoint.PrefetchCount = 2;
        });

    /// <summary>The relay that publishes <typeparamref name="TContext"/>'s outbox, woken after each commit that wrote to it.</summary>
    public static IHostApplicationBuilder AddOutboxRelay<TContext>(this IHostApplicationBuilder builder) where TContext : TenantDbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IInterceptor, OutboxCommitInterceptor>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.TryAddSingletonTimeProvider();
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}

/// <summary>
/// Wakes the relay once outbox rows are committed: after SaveChanges when it ran its own transaction, else when the
/// caller's transaction commits. A save that adds no outbox row (most consumers', and the relay's own marking rows
/// sent) wakes nothing: each such wake cost the relay an empty pass (a context, a transaction and a query), and a wake
/// before the commit found the rows not yet visible, leaving them to the next poll. Rows written some other way are
/// still found by the relay's poll.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending;

    private static readonly Pending Marker = new();

    /// <summary>Contexts whose transaction holds outbox rows not yet committed.</summary>
    private readonly ConditionalWeakTable<DbContext, Pending> _uncommitted = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfPending(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfPending(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Added entries are known without detecting changes, which SaveChanges is about to do anyway.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            {
                _uncommitted.AddOrUpdate(context, Marker);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void NotifyUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            NotifyIfPending(context);
        }
    }

    private void NotifyIfPending(DbContext? context)
    {
        if (context is not null && _uncommitted.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _uncommitted.Remove(context);
        }
    }
}
