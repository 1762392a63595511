using System.Data.Common;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace ArPlatform.ServiceDefaults.Mail;

/// <summary>
/// Where mail goes, from the <c>mail</c> connection string the AppHost gives:
/// <c>Endpoint=smtp://host:port[;Username=..;Password=..][;From=name &lt;address&gt;]</c>; <c>smtps://</c> for TLS on
/// connect, and STARTTLS when the relay offers it.
/// </summary>
public sealed record MailRelay(Uri Endpoint, string? Username, string? Password, MailboxAddress From)
{
    public static readonly MailboxAddress DefaultFrom = new("ArPlatform", "noreply@arplatform.local");

    public static MailRelay Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Part(string key) => parts.TryGetValue(key, out var value) ? value?.ToString() : null;
        var endpoint = Part("Endpoint") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "smtp" or "smtps"
            ? uri
            : throw new FormatException("The mail connection string needs Endpoint=smtp://host:port (or smtps://).");
        var from = Part("From") is { } address ? MailboxAddress.Parse(address) : DefaultFrom;
        return new MailRelay(endpoint, Part("Username"), Part("Password"), from);
    }
}

/// <summary>One message to send: plain text, an optional HTML body and attachments; <see cref="MessageId"/> (without angle brackets) when the sender keeps its own.</summary>
public sealed record OutgoingMail(
    IReadOnlyList<MailboxAddress> To, string Subject, string Text, string? Html = null, IReadOnlyList<MailAttachment>? Attachments = null, string? MessageId = null);

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends mail through the platform's relay (MailKit). A send that throws has not been accepted by the relay.</summary>
public sealed class MailSender(MailRelay relay)
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        await using var session = await OpenAsync(cancellationToken);
        await session.SendAsync(mail, cancellationToken);
    }

    /// <summary>A connection to the relay for sending many messages one after another (a connection per message is the slow part).</summary>
    public async Task<MailSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        var smtp = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        try
        {
            var security = relay.Endpoint.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            // No Nagle: SMTP is a dialogue of short commands and answers, and a short write held back until the peer
            // acknowledges the last one slows every message (ADR 0020 has the figures).
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(relay.Endpoint.Host, relay.Endpoint.Port, cancellationToken);
                await smtp.ConnectAsync(socket, relay.Endpoint.Host, relay.Endpoint.Port, security, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (relay.Username is { Length: > 0 } user)
            {
                await smtp.AuthenticateAsync(user, relay.Password ?? "", cancellationToken);
            }

            return new MailSession(smtp, this);
        }
        catch
        {
            smtp.Dispose();
            throw;
        }
    }

    internal MimeMessage Compose(OutgoingMail mail)
    {
        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var attachment in mail.Attachments ?? [])
        {
            // Base64 whatever the type, so that a CSV or XML attachment arrives byte for byte (MIME would rewrite a
            // text part's line endings).
            var part = (MimePart)body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }

        var message = new MimeMessage { Subject = mail.Subject, Body = body.ToMessageBody() };
        if (mail.MessageId is { } id)
        {
            message.MessageId = id;
        }

        message.From.Add(relay.From);
        message.To.AddRange(mail.To);
        return message;
    }
}

/// <summary>An open connection to the relay; a send that throws has not been accepted (the session may then be broken: open another).</summary>
public sealed class MailSession(SmtpClient smtp, MailSender sender) : IAsyncDisposable
{
    public bool IsConnected => smtp.IsConnected;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        using var message = sender.Compose(mail);
        await smtp.SendAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (smtp.IsConnected)
            {
                await smtp.DisconnectAsync(quit: true);
            }
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException or MailKit.Net.Smtp.SmtpCommandException)
        {
            // The messages were sent or not before this: a relay that drops the connection at QUIT changes nothing.
        }

        smtp.Dispose();
    }
}

public static class MailRegistration
{
    /// <summary>Registers <see cref="MailSender"/> when the process has a <c>mail</c> connection string.</summary>
    public static IHostApplicationBuilder AddMailIfConfigured(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ResourceNames.Mail) is { Length: > 0 } connectionString)
        {
            builder.Services.TryAddSingleton(new MailSender(MailRelay.Parse(connectionString)));
        }

        return builder;
    }
}
