using ArPlatform.Contracts;
using MassTransit;

namespace ArPlatform.Reporting.Caching;

/// <summary>
/// After each message Reporting consumed (its change committed by the consumer), bumps the version of the tenant's
/// cached figures: one place for every consumer, those to come included.
/// </summary>
public sealed class ReportCacheInvalidation(ReportCache cache) : IConsumeObserver
{
    public async Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var tenants = new HashSet<Guid>();
        if (context.Message is IIntegrationEvent message)
        {
            tenants.Add(message.TenantId);
        }
        else if (context.Message is IEnumerable<ConsumeContext> batch)
        {
            foreach (var item in batch)
            {
                if (item.TryGetMessage<IIntegrationEvent>(out var one))
                {
                    tenants.Add(one.Message.TenantId);
                }
            }
        }

        foreach (var tenant in tenants)
        {
            await cache.InvalidateAsync(tenant);
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
