using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Messages;

public static class MessageStatuses
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Bounced = "bounced";

    public static readonly IReadOnlyList<string> All = [Queued, Sent, Failed, Bounced];
}

public static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Letter = "letter";

    public static readonly IReadOnlyList<string> All = [Email, Sms, Letter];
}

/// <summary>
/// An email, SMS or letter to a customer's contact, the client's SPOC or a department: recorded (queued) in the
/// transaction that decided it, then sent by <see cref="MessageDispatcher"/>, retried with back-off while the server is
/// down, marked sent once the server took it. Its id is its Message-Id, so the server sees each message once.
/// </summary>
public sealed class OutgoingMessage : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid? ActionId { get; set; }

    public Guid? DisputeId { get; set; }

    public required string Channel { get; set; }

    public required string TemplateCode { get; set; }

    public string? ToName { get; set; }

    /// <summary>The email address or phone number; for a letter, the contact's email when it is also emailed, else null.</summary>
    public string? ToAddress { get; set; }

    public string? ContactLevel { get; set; }

    /// <summary>How the addressee was chosen when the step's level had nobody (a fallback to a lower level).</summary>
    public string? AddressingNote { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public required string Text { get; set; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The figures it was rendered from, kept for the letter's PDF (made when needed: <see cref="LetterPdfs"/>).</summary>
    public Communications.CommunicationModel? Model { get; set; }

    public string MessageIdHeader => $"{Id:N}@collections.arplatform";
}

/// <summary>A tenant's own template for a code, replacing the default of that code.</summary>
public sealed class TenantTemplate : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    public required string Channel { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
