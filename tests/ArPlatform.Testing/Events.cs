using ArPlatform.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Testing;

/// <summary>Publishes integration events onto a service's own bus, as another service would.</summary>
public static class Events
{
    public static InvoiceIssued InvoiceIssued(Guid tenant, string number, DateOnly invoiceDate, DateOnly dueDate, decimal amount) =>
        new(tenant, Guid.CreateVersion7(), number, Guid.CreateVersion7(), invoiceDate, dueDate, amount, "INR", DateTimeOffset.UtcNow);

    public static Task PublishAsync<T>(IServiceProvider services, T message, Guid? messageId = null) where T : class =>
        services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId ?? Guid.NewGuid());

    /// <summary>Publishes a message of any event type, as its own type (a list of different events, say).</summary>
    public static Task PublishAnyAsync(IServiceProvider services, object message) =>
        services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = Guid.NewGuid());
}
