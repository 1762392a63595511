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
using Microsoft.Extensions.Options;

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
        services.AddOptions<TemplateLimits>().BindConfiguration(TemplateLimits.Section)
            .Validate(l => l.IsValid(out _), $"{TemplateLimits.Section}: RenderTimeout must be positive and every Max* at least 1.").ValidateOnStart();
        services.AddSingleton(sp => new TemplateRenderer(sp.GetRequiredService<IOptions<TemplateLimits>>().Value));
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<MessageSignal>();
        services.AddSmsProvider();
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

    /// <summary>
    /// The SMS provider (ADR 0027): the HTTP one when <c>Collections:Sms:Url</c> is set, the recording one in Development
    /// (unless <c>Collections:Sms:Recording</c> is false), else none: SMS messages then fail with "no provider".
    /// </summary>
    private static void AddSmsProvider(this IServiceCollection services)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.RecordingCapacity >= 1 && (o.Url is null || o.Url.IsAbsoluteUri && o.Url.Scheme is "https" or "http"),
                $"{SmsOptions.Section}: Url must be an absolute http(s) address, Timeout positive and RecordingCapacity at least 1.")
            .ValidateOnStart();
        // No resilience handler (ServiceDefaults adds one to every client): a retry here could send a text twice at once;
        // the dispatcher tries again with back-off. RemoveAllResilienceHandlers is marked for evaluation (EXTEXP0001).
#pragma warning disable EXTEXP0001
        services.AddHttpClient(HttpJsonSmsProvider.ClientName, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SmsOptions>>().Value.Timeout)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.TryAddSingleton<ISmsProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SmsOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ISmsProvider).FullName!);
            if (options.Url is not null)
            {
                logger.LogInformation("Text messages go to {Provider}", options.ToString());
                return new HttpJsonSmsProvider(sp.GetRequiredService<IHttpClientFactory>(), options);
            }

            if (sp.GetRequiredService<IHostEnvironment>().IsDevelopment() && options.Recording)
            {
                logger.LogInformation("Text messages are recorded and sent nowhere (Development): set {Section}:Url to send them", SmsOptions.Section);
                return new RecordingSmsProvider(options.RecordingCapacity);
            }

            logger.LogWarning("No SMS provider is configured ({Section}:Url): SMS steps fail with \"{Reason}\"", SmsOptions.Section, NoSmsProvider.Reason);
            return new NoSmsProvider();
        });
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
