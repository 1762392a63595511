using System.ComponentModel.DataAnnotations;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Activities;

public sealed record NextActionRequest(DateOnly? Date, [property: MaxLength(10)] string? Type, [property: MaxLength(100)] string? Assignee);

/// <summary>What one call (or visit, note, ...) produced: written in one transaction, or not at all.</summary>
public sealed record ActivityRequest(
    [property: MaxLength(10)] string? Type, Guid? ContactId, [property: MaxLength(20)] string? Disposition, [property: MaxLength(4000)] string? Notes, NextActionRequest? NextAction = null, PromiseRequest? Promise = null,
    DisputeRequest? Dispute = null, Guid? TaskId = null);

public sealed record ActivityResponse(
    Guid Id, Guid CustomerId, string Type, Guid? ContactId, string? Disposition, string? Notes, string? LoggedBy, DateTimeOffset OccurredAt, Guid? PromiseId,
    Guid? DisputeId, Guid? NextActionTaskId, IReadOnlyList<Guid> ClosedTaskIds)
{
    public static ActivityResponse Of(Activity a) =>
        new(a.Id, a.CustomerId, a.Type, a.ContactId, a.Disposition, a.Notes, a.LoggedBy, a.OccurredAt, a.PromiseId, a.DisputeId, a.NextActionTaskId, a.ClosedTaskIds);
}

public sealed record TaskResponse(
    Guid Id, Guid CustomerId, string Kind, string Title, string? ActivityType, DateOnly DueDate, string? Assignee, string Status, Guid? ActionId, Guid? DisputeId,
    Guid? ClosedByActivityId, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt)
{
    public static TaskResponse Of(CollectionTask t) =>
        new(t.Id, t.CustomerId, t.Kind, t.Title, t.ActivityType, t.DueDate, t.Assignee, t.Status, t.ActionId, t.DisputeId, t.ClosedByActivityId, t.CreatedAt, t.ClosedAt);
}

/// <summary>
/// Logging an activity: the activity, and with it the promise, the dispute and the next action it produced, and the
/// tasks it answers closed (the one named, and the account's open tasks of its type due by today), all in one transaction.
/// </summary>
public sealed class ActivityService(CollectionsDbContext db, PromiseService promises, DisputeService disputes, TimeProvider clock)
{
    public async Task<Outcome<ActivityResponse>> LogAsync(Guid customerId, ActivityRequest request, string? loggedBy, CancellationToken cancellationToken)
    {
        var today = BusinessDate.Today(clock);
        var validation = new Validation()
            .When(request.Type is not { } type || !ActivityTypes.All.Contains(type), "type", $"is required: one of {string.Join(", ", ActivityTypes.All)}.")
            .When(request.Disposition is { } d && !Dispositions.All.Contains(d), "disposition", $"must be one of {string.Join(", ", Dispositions.All)}.")
            .When(request.Disposition is not null && request.Type is not ("call" or "visit"), "disposition", "is for calls and visits only.")
            .Text("notes", request.Notes, maxLength: 4000)
            .When(request.NextAction is { Date: null }, "nextAction.date", "is required (YYYY-MM-DD).")
            .When(request.NextAction is { Date: { } nd } && nd < today, "nextAction.date", $"must be today ({today:yyyy-MM-dd}) or later.")
            .When(request.NextAction is { Date: { } nd2 } && nd2 > today.AddDays(366), "nextAction.date", "must be within a year.")
            .When(request.NextAction is { } na && (na.Type is not { } nt || !ActivityTypes.All.Contains(nt)), "nextAction.type",
                $"is required: one of {string.Join(", ", ActivityTypes.All)}.")
            .Text("nextAction.assignee", request.NextAction?.Assignee, maxLength: 100);
        if (!validation.IsValid)
        {
            return Outcome<ActivityResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.Accounts.FromSql($"SELECT * FROM accounts WHERE customer_id = {customerId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return Outcome<ActivityResponse>.NotFound();
        }

        if (request.ContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.ContactId == contactId && c.CustomerId == customerId, cancellationToken))
        {
            return Outcome<ActivityResponse>.Invalid("contactId", "is not a contact of this customer.");
        }

        var now = clock.GetUtcNow();
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            Type = request.Type!,
            ContactId = request.ContactId,
            Disposition = request.Disposition,
            Notes = request.Notes?.Trim(),
            LoggedBy = loggedBy,
            OccurredAt = now,
            BusinessDate = today,
        };
        if (request.Promise is { } promiseRequest)
        {
            var promise = await promises.AddAsync(customerId, promiseRequest, loggedBy, activity.Id, "promise.", cancellationToken);
            if (!promise.Succeeded)
            {
                return promise.As<ActivityResponse>();
            }

            activity.PromiseId = promise.Value!.Id;
        }

        if (request.Dispute is { } disputeRequest)
        {
            var dispute = await disputes.AddAsync(customerId, disputeRequest, loggedBy, activity.Id, "dispute.", cancellationToken);
            if (!dispute.Succeeded)
            {
                return dispute.As<ActivityResponse>();
            }

            activity.DisputeId = dispute.Value!.Id;
        }

        if (request.NextAction is { } next)
        {
            var task = new CollectionTask
            {
                Id = Guid.CreateVersion7(now),
                CustomerId = customerId,
                Kind = TaskKinds.NextAction,
                Title = $"{Capitalised(next.Type!)} {account.Name}{(activity.Notes is { Length: > 0 } notes ? $": {Shortened(notes)}" : "")}",
                ActivityType = next.Type,
                DueDate = next.Date!.Value,
                Assignee = next.Assignee ?? account.Collector ?? loggedBy,
                Status = TaskStatuses.Open,
                CreatedAt = now,
            };
            db.Tasks.Add(task);
            activity.NextActionTaskId = task.Id;
        }

        var answered = await db.Tasks.Where(t => t.CustomerId == customerId && t.Status == TaskStatuses.Open
                && ((request.TaskId != null && t.Id == request.TaskId) || (t.ActivityType == request.Type && t.DueDate <= today)))
            .ToListAsync(cancellationToken);
        if (request.TaskId is { } taskId && !answered.Any(t => t.Id == taskId))
        {
            return Outcome<ActivityResponse>.Invalid("taskId", "is not an open task of this customer.");
        }

        foreach (var task in answered)
        {
            (task.Status, task.ClosedByActivityId, task.ClosedAt) = (TaskStatuses.Done, activity.Id, now);
        }

        activity.ClosedTaskIds = [.. answered.Select(t => t.Id)];
        account.LastActivityAt = now;
        db.Activities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<ActivityResponse>.Ok(ActivityResponse.Of(activity));
    }

    private static string Capitalised(string type) => char.ToUpperInvariant(type[0]) + type[1..];

    private static string Shortened(string notes) => notes.Length > 200 ? notes[..200] + "..." : notes;
}
