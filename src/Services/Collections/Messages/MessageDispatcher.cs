using System.Collections.Concurrent;
using System.Threading.Channels;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Mail;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ArPlatform.Collections.Messages;

/// <summary>
/// Sends the queued messages: emails through the <c>mail</c> relay over <see cref="Connections"/> connections at once,
/// each with its own id as Message-Id; text messages through <see cref="ISmsProvider"/>; letters emailed as PDF when
/// the addressee has an email address (else they are ready to print). What the server answered is recorded by one
/// writer that commits everything answered since its last commit in one transaction (a group commit), so a message is
/// marked sent, and leaves the queue, within a commit's time after the server took it. A server that is down or
/// refuses for now is tried again with back-off, for as long as it takes; a server that refuses the address for good
/// fails the message. Only a crash between the server's answer and that commit sends one again (after the lease),
/// with the same Message-Id.
/// </summary>
public sealed class MessageDispatcher(
    IServiceScopeFactory scopes, MessageSignal signal, TimeProvider clock, ISmsProvider sms, TemplateRenderer renderer, ILogger<MessageDispatcher> logger,
    MailSender? mail = null)
    : BackgroundService
{
    public const int BatchSize = 400;

    /// <summary>Connections to the relay used at once: one connection is bound by the server's answer time, not our work.</summary>
    public const int Connections = 16;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchAsync(stoppingToken) == BatchSize)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sending queued messages failed; trying again shortly");
            }

            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends one batch of due messages; returns how many were claimed.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        List<QueuedMessage> claimed;
        using (var scope = scopes.CreateScope())
        {
            claimed = await MessageQueue.ClaimAsync(scope.ServiceProvider.GetRequiredService<CollectionsDbContext>(), BatchSize, clock.GetUtcNow(), Lease, cancellationToken);
        }

        // One relay state for the whole claim: a relay found down for one tenant is not tried again for the next, so the
        // claim ends well within its lease whatever the number of tenants in it.
        var relay = new RelayState();
        foreach (var tenant in claimed.GroupBy(q => q.TenantId))
        {
            await DispatchTenantAsync(tenant.Key, [.. tenant], relay, cancellationToken);
        }

        return claimed.Count;
    }

    private sealed record Outcome(OutgoingMessage Message, string? Error, bool Permanent);

    private async Task DispatchTenantAsync(Guid tenant, List<QueuedMessage> queued, RelayState relay, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
        var attempts = queued.ToDictionary(q => q.MessageId, q => q.Attempts);
        var ids = attempts.Keys.ToArray();
        var messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        var work = new ConcurrentQueue<OutgoingMessage>(messages);
        var outcomes = Channel.CreateUnbounded<Outcome>(new() { SingleReader = true });
        var recorder = RecordAllAsync(db, outcomes.Reader, attempts, relay);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(Connections, messages.Count)).Select(_ => Task.Run(() => SendAllAsync(work, outcomes.Writer, relay, cancellationToken), cancellationToken)));
        }
        finally
        {
            outcomes.Writer.Complete();
            await recorder;
        }

        // A queue row whose message is gone (cannot happen but by hand) would be claimed forever.
        foreach (var orphan in ids.Except(messages.Select(m => m.Id)))
        {
            await db.Set<QueuedMessage>().Where(q => q.MessageId == orphan).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>What the senders of a claim learn: the relay could not be reached (they stop trying it), or what it took could not be recorded (they stop sending).</summary>
    private sealed class RelayState
    {
        public volatile string? Unreachable;

        public volatile bool RecordingFailed;
    }

    private async Task SendAllAsync(ConcurrentQueue<OutgoingMessage> work, ChannelWriter<Outcome> outcomes, RelayState relay, CancellationToken cancellationToken)
    {
        MailSession? session = null;
        try
        {
            // A message not yet sent when recording fails stays claimed and unsent, and goes after the lease: sending
            // it now would only add to those the server took without our knowing.
            while (!relay.RecordingFailed && work.TryDequeue(out var message))
            {
                string? error = null;
                var permanent = false;
                var needsMail = message.Channel == Channels.Email || (message.Channel == Channels.Letter && message.ToAddress is not null);
                try
                {
                    if (needsMail && relay.Unreachable is { } unreachable)
                    {
                        // Not tried again in this batch: each try would wait for the connection to time out, and the batch
                        // must end well within its lease, or another replica could claim and send the same messages.
                        error = unreachable;
                    }
                    else
                    {
                        session = await SendAsync(message, session, cancellationToken);
                    }
                }
                catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
                {
                    (error, permanent) = ($"the mail server refused it: {e.Message}", true);
                }
                catch (SmsRefusedException e)
                {
                    (error, permanent) = (e.Message, true);
                }
                catch (TemplateLimitExceededException e)
                {
                    (error, permanent) = (e.Message, true); // a letter over its page limit: made again, it would be again
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    error = e.Message;
                    if (needsMail)
                    {
                        relay.Unreachable ??= $"the mail server could not be reached: {e.Message}";
                    }

                    if (session is not null)
                    {
                        await session.DisposeAsync();
                        session = null;
                    }
                }

                // Written whatever the cancellation: an answer the server gave must reach the recorder.
                outcomes.TryWrite(new Outcome(message, error, permanent));
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    private async Task<MailSession?> SendAsync(OutgoingMessage message, MailSession? session, CancellationToken cancellationToken)
    {
        if (message.Channel == Channels.Sms)
        {
            await sms.SendAsync(message.ToAddress!, message.Text, message.Id.ToString("N"), cancellationToken);
            return session;
        }

        List<MailAttachment>? attachments = null;
        if (message.Channel == Channels.Letter)
        {
            if (message.ToAddress is null)
            {
                // To be printed and posted: the letter is stored (its body and figures) and its PDF made when downloaded.
                return session;
            }

            attachments = [new MailAttachment($"letter-{message.Id:N}.pdf", "application/pdf", LetterPdfs.Of(message, renderer.Limits.MaxLetterPages))];
        }

        if (mail is null)
        {
            throw new InvalidOperationException("No mail relay is configured (ConnectionStrings:mail): the message waits until one is.");
        }

        session ??= await mail.OpenAsync(cancellationToken);
        await session.SendAsync(new OutgoingMail([new MailboxAddress(message.ToName ?? "", message.ToAddress ?? throw new InvalidOperationException("An email without an address."))], message.Subject, message.Text, message.Body,
            attachments, message.MessageIdHeader), cancellationToken);
        return session;
    }

    /// <summary>
    /// Records the senders' outcomes as they come: each commit takes every outcome that arrived during the one before.
    /// Not cancelled with the batch: what the server took must be recorded even while the service stops.
    /// </summary>
    private async Task RecordAllAsync(CollectionsDbContext db, ChannelReader<Outcome> outcomes, Dictionary<Guid, int> attempts, RelayState relay)
    {
        var pending = new List<Outcome>();
        while (await outcomes.WaitToReadAsync(CancellationToken.None))
        {
            while (outcomes.TryRead(out var outcome))
            {
                pending.Add(outcome);
            }

            if (await TryRecordAsync(db, pending, attempts))
            {
                pending.Clear();
            }
            else
            {
                relay.RecordingFailed = true;
            }
        }

        for (var retry = 0; pending.Count > 0 && retry < 5; retry++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1 << retry), CancellationToken.None);
            if (await TryRecordAsync(db, pending, attempts))
            {
                pending.Clear();
            }
        }
    }

    /// <summary>False when the database refused: the outcomes are then recorded with the next ones (or, failing that, the messages are sent again after the lease, with the same Message-Id).</summary>
    private async Task<bool> TryRecordAsync(CollectionsDbContext db, List<Outcome> group, Dictionary<Guid, int> attempts)
    {
        try
        {
            await RecordAsync(db, group, attempts, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recording what the mail server answered for {Count} messages failed; trying again", group.Count);
            return false;
        }
    }

    private async Task RecordAsync(CollectionsDbContext db, List<Outcome> group, Dictionary<Guid, int> attempts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Few statements per group, whatever its size: the outcomes alike (sent; failed for the same reason; to retry
        // after the same attempts for the same reason) are written together.
        foreach (var alike in group.GroupBy(o => (o.Error, o.Permanent, Attempts: attempts[o.Message.Id])))
        {
            var (error, permanent, tries) = alike.Key;
            Guid[] ids = [.. alike.Select(o => o.Message.Id)];
            var messages = db.Messages.Where(m => ids.Contains(m.Id));
            var queue = db.Set<QueuedMessage>().Where(q => ids.Contains(q.MessageId));
            if (error is null || permanent)
            {
                var (status, sentAt) = error is null ? (MessageStatuses.Sent, (DateTimeOffset?)now) : (MessageStatuses.Failed, null);
                await messages.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.Attempts, tries).SetProperty(m => m.LastError, error), cancellationToken);
                await queue.ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                var next = now + MessageQueue.Backoff(tries);
                await messages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.Attempts, tries).SetProperty(m => m.LastError, error), cancellationToken);
                await queue.ExecuteUpdateAsync(s => s.SetProperty(q => q.NextAttemptAt, next), cancellationToken);
                logger.LogInformation("{Count} message(s) not sent (attempt {Attempt}): {Error}; next try at {Next}", ids.Length, tries, error, next);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
