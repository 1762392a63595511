using System.Collections.Concurrent;

namespace ArPlatform.Collections.Messages;

/// <summary>Sends text messages; a real gateway in production, <see cref="RecordingSmsProvider"/> in development and tests.</summary>
public interface ISmsProvider
{
    /// <summary>Sends; returns the provider's reference. Throws when the provider did not take it.</summary>
    Task<string> SendAsync(string phone, string text, string reference, CancellationToken cancellationToken);
}

/// <summary>Keeps the text messages it is given, and sends nothing: what development and the tests read back.</summary>
public sealed class RecordingSmsProvider : ISmsProvider
{
    private readonly ConcurrentQueue<(string Phone, string Text, string Reference)> _sent = new();

    public IReadOnlyCollection<(string Phone, string Text, string Reference)> Sent => _sent;

    public Task<string> SendAsync(string phone, string text, string reference, CancellationToken cancellationToken)
    {
        _sent.Enqueue((phone, text, reference));
        return Task.FromResult(reference);
    }
}
