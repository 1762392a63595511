using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ArPlatform.Benchmarks;

/// <summary>
/// The benchmark's mail relay: an SMTP server (SmtpServer, MIT) that accepts every message and keeps only its
/// Message-Id, as a production relay queues without parsing. smtp4dev parses and stores each message and takes fewer
/// than the 200 a second on a 2-core machine, so it would measure itself, not the dispatcher.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();
    private readonly Task _running;

    private MailSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Port(port).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public string ConnectionString => $"Endpoint=smtp://127.0.0.1:{Port}";

    /// <summary>How many times each Message-Id arrived.</summary>
    public IReadOnlyDictionary<string, int> Received => _store.Received;

    public static MailSink Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new MailSink(port);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private const string Header = "Message-ID:";

        public ConcurrentDictionary<string, int> Received { get; } = new();

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Received.AddOrUpdate(MessageId(buffer), 1, (_, n) => n + 1);
            return Task.FromResult(SmtpResponse.Ok);
        }

        private static string MessageId(ReadOnlySequence<byte> buffer)
        {
            var head = buffer.Slice(0, Math.Min(buffer.Length, 8192)).ToArray();
            var text = System.Text.Encoding.ASCII.GetString(head);
            var at = text.IndexOf(Header, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return Guid.NewGuid().ToString("N");
            }

            var end = text.IndexOf('\n', at);
            return text[(at + Header.Length)..(end < 0 ? text.Length : end)].Trim().Trim('<', '>');
        }
    }
}
