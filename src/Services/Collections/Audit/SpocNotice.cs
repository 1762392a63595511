using System.Net;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Settings;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Audit;

/// <summary>
/// Tells the client's SPOC by email that what its customers receive (a template) or where its disputes go (the SPOC's
/// or a department's address) was changed, by whom and when: a change nobody at the client asked for is then seen the
/// same day. A platform notice, not a tenant template, so that the change cannot also silence its own notice.
/// </summary>
public static class SpocNotice
{
    public const string TemplateCode = "config-change-notice";

    /// <summary>Queues the notice to each address (the SPOC's, and the old one when the SPOC's address changed); none without an address.</summary>
    public static IReadOnlyList<OutgoingMessage> Queue(
        CollectionsDbContext db, Guid tenant, IEnumerable<(string? Name, string? Email)> recipients, string what, IReadOnlyList<string> details, Actor actor, DateTimeOffset at)
    {
        var subject = $"Changed in your collections: {what}";
        var lines = details.Prepend($"{what}, changed by {actor.Display} on {BuildingBlocks.Time.India.Time(at):yyyy-MM-dd HH:mm} IST.")
            .Append("If your organisation did not ask for this change, reply to this email or call your account manager: the change and its previous value are kept in the audit (GET /api/v1/collections/audit).")
            .ToList();
        var text = string.Join("\n\n", lines);
        var html = string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"));
        var messages = new List<OutgoingMessage>();
        foreach (var (name, email) in recipients.Where(r => !string.IsNullOrWhiteSpace(r.Email)).DistinctBy(r => r.Email!.ToLowerInvariant()))
        {
            var message = new OutgoingMessage
            {
                Id = Guid.CreateVersion7(at),
                TenantId = tenant,
                CustomerId = Guid.Empty,
                Channel = Channels.Email,
                TemplateCode = TemplateCode,
                ToName = name,
                ToAddress = email,
                Subject = subject,
                Body = html,
                Text = text,
                Status = MessageStatuses.Queued,
                NextAttemptAt = at,
                CreatedAt = at,
            };
            db.Messages.Add(message);
            MessageQueue.Enqueue(db, message);
            messages.Add(message);
        }

        return messages;
    }

    public static (string? Name, string? Email) Spoc(CollectionSettings? settings) => (settings?.Spoc?.Name, settings?.Spoc?.Email);
}
