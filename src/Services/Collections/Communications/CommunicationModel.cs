namespace ArPlatform.Collections.Communications;

/// <summary>
/// One invoice a message is about: <c>OpenAmount</c> is what is still unpaid on it, <c>DunnedAmount</c> the part the
/// message asks for (less what is disputed or promised), <c>DaysOverdue</c> the days past the due date on the as-of
/// date, zero or less when not yet overdue.
/// </summary>
public sealed record CommunicationItem(
    string InvoiceNumber, DateOnly? InvoiceDate, DateOnly DueDate, decimal OpenAmount, decimal DunnedAmount, int DaysOverdue);

/// <summary>
/// The customer's person a message is addressed to; <c>EscalationLevel</c> is the rung of the customer's ladder the
/// contact is on, e.g. "accounts-payable", "finance-manager".
/// </summary>
public sealed record CommunicationContact(string Name, string? Role, string EscalationLevel, string? Email, string? Phone);

/// <summary>A person on the client's side, e.g. the single point of contact (SPOC) for escalations.</summary>
public sealed record CommunicationParty(string Name, string? Email, string? Phone);

/// <summary>
/// Everything a message to or about one customer is rendered from: <c>AsOf</c> is the business date it is written on,
/// <c>Collector</c> who signs it (null: the collections team), <c>ClientName</c> our client on whose behalf it is sent,
/// <c>StepName</c> and <c>Action</c> the dunning step that sends it and what the step does. The dispute members are set
/// only for a message about a dispute.
/// </summary>
public sealed record CommunicationModel(
    string CustomerCode,
    string CustomerName,
    CommunicationContact? Contact,
    IReadOnlyList<CommunicationItem> Items,
    DateOnly AsOf,
    string? Collector,
    string ClientName,
    CommunicationParty? Spoc,
    string StepName,
    string Action,
    string? DisputeReason = null,
    string? DisputeNotes = null,
    decimal? DisputeAmount = null,
    string? DisputeInvoiceNumber = null)
{
    /// <summary>The sum of the items' open amounts.</summary>
    public decimal TotalOpen => Items.Sum(i => i.OpenAmount);

    /// <summary>The sum of the items' dunned amounts: the total a message asks for.</summary>
    public decimal TotalDunned => Items.Sum(i => i.DunnedAmount);

    /// <summary>The sum of the dunned amounts of the items already overdue.</summary>
    public decimal TotalOverdue => Items.Where(i => i.DaysOverdue > 0).Sum(i => i.DunnedAmount);
}

/// <summary>
/// A tenant's (or a default) template for one kind of message, for the <c>Channel</c> email, sms or letter.
/// <c>Subject</c> and <c>Body</c> are Liquid sources (<see cref="TemplateRenderer"/>); the body writes HTML for email
/// and letter, plain text for SMS.
/// </summary>
public sealed record MessageTemplate(string Code, string Channel, string Subject, string Body);

/// <summary>
/// A rendered message: the subject as plain text on one line, the body (HTML for email and letter, plain text for SMS)
/// and a plain-text version of the body (the body itself for SMS).
/// </summary>
public sealed record RenderedMessage(string Subject, string Body, string Text);

/// <summary>The channels a <see cref="MessageTemplate"/> can be written for.</summary>
public static class CommunicationChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Letter = "letter";

    /// <summary>Whether the channel's body is HTML (email, letter) rather than plain text (SMS).</summary>
    /// <exception cref="ArgumentException">The channel is none of the three.</exception>
    public static bool IsHtml(string channel) => channel.ToLowerInvariant() switch
    {
        Email or Letter => true,
        Sms => false,
        _ => throw new ArgumentException($"Unknown channel '{channel}': expected email, sms or letter.", nameof(channel)),
    };
}
