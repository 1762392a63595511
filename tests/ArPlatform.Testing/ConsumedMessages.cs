using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Testing;

/// <summary>
/// Counts the messages a service's bus has finished consuming (committed or failed for good), so that a test asserting
/// that a message changed nothing first waits until that very message was handled, instead of sleeping and hoping.
/// Start it before publishing.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver, IDisposable
{
    private readonly ConcurrentDictionary<(Type, Guid), int> _counts = new();
    private readonly ConnectHandle _handle;

    public ConsumedMessages(IServiceProvider services) => _handle = services.GetRequiredService<IBus>().ConnectConsumeObserver(this);

    /// <summary>Waits until the message of type <typeparamref name="T"/> with <paramref name="messageId"/> was consumed <paramref name="times"/> times.</summary>
    public Task WaitAsync<T>(Guid messageId, int times = 1) where T : class =>
        ServiceHost.EventuallyAsync(
            () => Task.FromResult(_counts.GetValueOrDefault((typeof(T), messageId)) >= times),
            $"{typeof(T).Name} {messageId} consumed {times} time(s)");

    public void Dispose() => _handle.Disconnect();

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context) => Count(context);

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception) => Count(context);

    private Task Count<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id)
        {
            _counts.AddOrUpdate((typeof(T), id), 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }
}
