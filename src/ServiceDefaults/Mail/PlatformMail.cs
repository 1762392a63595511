using System.Data.Common;
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

/// <summary>One message to send: plain text, an optional HTML body and attachments.</summary>
public sealed record OutgoingMail(
    IReadOnlyList<MailboxAddress> To, string Subject, string Text, string? Html = null, IReadOnlyList<MailAttachment>? Attachments = null);

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends mail through the platform's relay (MailKit). A send that throws has not been accepted by the relay.</summary>
public sealed class MailSender(MailRelay relay)
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        using var message = Compose(mail);
        using var smtp = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        var security = relay.Endpoint.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        await smtp.ConnectAsync(relay.Endpoint.Host, relay.Endpoint.Port, security, cancellationToken);
        if (relay.Username is { Length: > 0 } user)
        {
            await smtp.AuthenticateAsync(user, relay.Password ?? "", cancellationToken);
        }

        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }

    private MimeMessage Compose(OutgoingMail mail)
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
        message.From.Add(relay.From);
        message.To.AddRange(mail.To);
        return message;
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
