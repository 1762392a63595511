using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Audit;
using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Promises;
using ArPlatform.Collections.Settings;
using ArPlatform.Collections.Strategies;
using ArPlatform.Collections.Templates;
using ArPlatform.Collections.Tenants;
using ArPlatform.Collections.Worklist;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArPlatform.Collections;

/// <summary>The Collections service's parts: its consumers, use cases, jobs and endpoints.</summary>
public static class CollectionsRegistration
{
    public static void AddCollectionsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<InvoiceIssuedConsumer>();
        bus.AddConsumer<Aging.AgingBucketsConsumer>();
        bus.AddConsumer<InvoiceBatchIssuedConsumer>();
        bus.AddConsumer<InvoiceCancelledConsumer>();
        bus.AddConsumer<InvoiceWrittenOffConsumer>();
        bus.AddConsumer<CreditNoteIssuedConsumer>();
        bus.AddConsumer<DebitNoteIssuedConsumer>();
        bus.AddConsumer<PaymentAllocatedConsumer>();
        bus.AddConsumer<PaymentReversedConsumer>();
        bus.AddConsumer<CustomerRegisteredConsumer>();
        bus.AddConsumer<CustomersRegisteredConsumer>();
        bus.AddConsumer<CustomerUpdatedConsumer>();
        bus.AddConsumer<CustomerRiskChangedConsumer>();
        bus.AddConsumer<CreditHoldChangedConsumer>();
        bus.AddConsumer<CustomerContactAddedConsumer>();
        bus.AddConsumer<TenantCreatedConsumer>();
    }

    public static IServiceCollection AddCollections(this IServiceCollection services)
    {
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<MessageSignal>();
        services.TryAddSingleton<ISmsProvider, RecordingSmsProvider>();
        services.AddSingleton<MessageDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageDispatcher>());
        services.AddSingleton<DunningRunner>();
        services.AddSingleton<ManualRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<ManualRuns>());
        services.AddDailyJob<CollectionsDailyJob>();
        services.AddSingleton<DunningEffects>();
        services.AddScoped<PromiseKeeper>();
        services.AddScoped<PromiseService>();
        services.AddScoped<DisputeService>();
        services.AddScoped<ActivityService>();
        services.AddScoped<AccountView>();
        services.AddScoped<AccountList>();
        services.AddScoped<WorklistRanking>();
        services.AddScoped<WorklistEntries>();
        services.AddScoped<WorklistPages>();
        services.AddScoped<MyWorklist>();
        services.AddHostedService<WorklistRefresher>();
        services.AddScoped<StrategyService>();
        services.AddScoped<SettingsService>();
        services.AddScoped<TemplateService>();
        services.AddScoped<DunningPause>();
        return services;
    }

    public static void MapCollectionsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapPromiseEndpoints();
        app.MapDisputeEndpoints();
        app.MapTaskEndpoints();
        app.MapStrategyEndpoints();
        app.MapDunningEndpoints();
        app.MapTemplateEndpoints();
        app.MapMessageEndpoints();
        app.MapSettingsEndpoints();
        app.MapAuditEndpoints();
        app.MapWorklistEndpoints();
        app.MapMyTenantsEndpoints();
        app.MapCollectorLoad();
        app.MapTenantSummary();
        app.MapTemplatePreview();
    }
}
