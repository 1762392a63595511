using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Dunning;

namespace ArPlatform.Collections.Messages;

/// <summary>Who a message goes to, and how they were chosen when the step's level had nobody.</summary>
public sealed record Addressee(AccountContact Contact, string? Note);

/// <summary>
/// Builds messages: the tenant's template for the code (or the default), rendered with the account's figures, and the
/// addressee by the step's contact level, falling back to the next level down (recorded).
/// </summary>
public sealed class MessageComposer(TemplateRenderer renderer, TimeProvider clock)
{
    private static readonly string[] LevelsDown = ["L3", "L2", "L1"];

    /// <summary>The contact at <paramref name="level"/> (L1 when none is named) who can receive <paramref name="channel"/>, else the next level down; null when nobody can.</summary>
    public static Addressee? Address(IReadOnlyList<AccountContact> contacts, string? level, string channel)
    {
        var wanted = level ?? "L1";
        foreach (var candidate in LevelsDown.SkipWhile(l => l != wanted).DefaultIfEmpty(wanted))
        {
            var contact = contacts.Where(c => c.EscalationLevel == candidate && CanReceive(c, channel))
                .OrderByDescending(c => channel == Channels.Email ? c.PreferredChannel == "email" : c.Email is not null).ThenBy(c => c.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (contact is not null)
            {
                return new Addressee(contact, candidate == wanted ? null : $"no {wanted} contact who can receive {channel}: sent to {candidate} {contact.Name}");
            }
        }

        return null;
    }

    private static bool CanReceive(AccountContact contact, string channel) => channel switch
    {
        Channels.Email => contact.Email is not null,
        Channels.Sms => contact.Phone is not null,
        _ => true,
    };

    public static MessageTemplate Template(IReadOnlyDictionary<string, TenantTemplate> own, string code) =>
        own.TryGetValue(code, out var t) ? new MessageTemplate(t.Code, t.Channel, t.Subject, t.Body)
        : DefaultTemplates.Find(code) ?? throw new InvalidOperationException($"No template {code}.");

    /// <summary>
    /// The message of <paramref name="template"/> for the model, queued; or, when the template went past its
    /// <see cref="TemplateLimits"/>, failed with what it exceeded ("template exceeded ...") and not queued, so that one
    /// tenant's template costs its run no more than the render budget.
    /// </summary>
    public OutgoingMessage Compose(
        Guid tenant, Guid customerId, MessageTemplate template, CommunicationModel model, string channel, string? toName, string? toAddress, string? level,
        string? addressingNote, CancellationToken cancellationToken = default)
    {
        RenderedMessage rendered;
        string? exceeded = null;
        try
        {
            rendered = renderer.Render(template, model, cancellationToken);
        }
        catch (TemplateLimitExceededException e)
        {
            (rendered, exceeded) = (new RenderedMessage("", "", ""), e.Message);
        }

        var now = clock.GetUtcNow();
        return new OutgoingMessage
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant,
            CustomerId = customerId,
            Channel = channel,
            TemplateCode = template.Code,
            ToName = toName,
            ToAddress = toAddress,
            ContactLevel = level,
            AddressingNote = addressingNote,
            Subject = rendered.Subject,
            Body = rendered.Body,
            Text = rendered.Text,
            Status = exceeded is null ? MessageStatuses.Queued : MessageStatuses.Failed,
            LastError = exceeded,
            NextAttemptAt = now,
            CreatedAt = now,
            Model = channel == Channels.Letter ? model : null,
        };
    }

    public static CommunicationModel Model(RunContext context, CollectionAccount account, AccountContact? contact, IEnumerable<ActionItem> items, DunningStep step,
        IReadOnlyDictionary<Guid, CollectionItem> itemsById) => new(
        account.Code, account.Name, contact is null ? null : new CommunicationContact(contact.Name, contact.Role, contact.EscalationLevel, contact.Email, contact.Phone),
        [.. items.Select(i => new CommunicationItem(i.InvoiceNumber, itemsById.GetValueOrDefault(i.InvoiceId)?.InvoiceDate, i.DueDate, i.OpenAmount, i.DunnedAmount, i.DaysOverdue))],
        context.AsOf, account.Collector, context.ClientName,
        context.Settings?.Spoc is { } spoc ? new CommunicationParty(spoc.Name, spoc.Email, spoc.Phone) : null, step.Name, step.Action);
}
