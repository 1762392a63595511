using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Messages;
using ArPlatform.Contracts;

namespace ArPlatform.Collections.Dunning;

/// <summary>The rows a batch's decisions add, inserted by the runner one statement per table (not through the change tracker, ADR 0019).</summary>
public sealed class DunningWrites
{
    public List<DunningAction> Actions { get; } = [];

    public List<OutgoingMessage> Messages { get; } = [];

    public List<QueuedMessage> Queue { get; } = [];

    public List<CollectionTask> Tasks { get; } = [];

    public List<OutboxMessage> Outbox { get; } = [];
}

/// <summary>
/// What an account's decision writes, in the run's transaction (the items' new positions are the runner's): the action
/// and the skipped steps, and by the step's action a message (addressed by contact level), a task, a hold request or the agency
/// mark, and the DunningActionTaken event. Without anyone to address, a task asks for a contact.
/// </summary>
public sealed class DunningEffects(MessageComposer composer, TimeProvider clock)
{
    public void Apply(
        RunContext context, CollectionAccount account, List<CollectionItem> items, AccountDecision decided, IReadOnlyList<AccountContact> contacts, DunningWrites writes,
        CancellationToken cancellationToken = default)
    {
        var (decision, step, now) = (decided.Decision, decided.Decision.Step, clock.GetUtcNow());
        foreach (var skip in decision.Skipped)
        {
            var skipped = NewAction(context, account, decided.StrategyCode, skip.Step, ActionKinds.Skipped, [], now, skip.Reason);
            (skipped.ItemIds, skipped.Amount) = ([.. skip.Items.Select(i => i.InvoiceId)], skip.Items.Sum(i => i.DunnedAmount));
            writes.Actions.Add(skipped);
        }

        var action = NewAction(context, account, decided.StrategyCode, step, ActionKinds.Taken, decision.Items, now, null);
        writes.Actions.Add(action);
        var byId = items.ToDictionary(i => i.InvoiceId);

        var what = $"{IndianMoney.Format(decision.Amount)} on {Invoices(decision.Items)}";
        switch (step.Action)
        {
            case DunningActions.Email or DunningActions.Sms or DunningActions.Letter or DunningActions.FinalNotice:
                var channel = step.Action switch { DunningActions.Email => Channels.Email, DunningActions.Sms => Channels.Sms, _ => Channels.Letter };
                var template = step.Template ?? DefaultTemplate(step);
                if (MessageComposer.Address(contacts, step.ContactLevel, channel) is { } to)
                {
                    var address = channel == Channels.Sms ? to.Contact.Phone : to.Contact.Email;
                    Send(writes, action, context, account, to.Contact, step, byId, template, channel, to.Contact.Name, address, to.Contact.EscalationLevel, to.Note,
                        cancellationToken);
                }
                else
                {
                    action.TaskId = Task(writes, account, context, TaskKinds.FindContact, $"Find a {step.ContactLevel ?? "L1"} contact for {account.Name}: {step.Name} could not be sent ({what})",
                        account.Collector, action.Id);
                    action.Outcome = "no contact to address: a task asks for one";
                }

                break;
            case DunningActions.EscalateToSpoc or DunningActions.AgencyReferral:
                if (step.Action == DunningActions.AgencyReferral)
                {
                    account.AgencyReferredOn = context.AsOf;
                    action.Outcome = "account marked for agency placement";
                }

                if (context.Settings?.Spoc is { Email: { } spocEmail } spoc)
                {
                    Send(writes, action, context, account, null, step, byId, step.Template ?? DefaultTemplate(step), Channels.Email, spoc.Name, spocEmail, "SPOC", null,
                        cancellationToken);
                }
                else
                {
                    action.TaskId = Task(writes, account, context, TaskKinds.SetUpSpoc, $"Set up the client's SPOC: {step.Name} for {account.Name} ({what}) has nobody to go to",
                        account.Collector, action.Id);
                    action.Outcome = (action.Outcome is null ? "" : action.Outcome + "; ") + "no SPOC set up: a task asks for one";
                }

                break;
            case DunningActions.CallTask or DunningActions.VisitTask:
                var kind = step.Action == DunningActions.CallTask ? TaskKinds.Call : TaskKinds.Visit;
                action.TaskId = Task(writes, account, context, kind, $"{(kind == TaskKinds.Call ? "Call" : "Visit")} {account.Name}: {what}", step.AssignTo ?? account.Collector,
                    action.Id, activityType: kind);
                action.Outcome = $"{kind} task for {step.AssignTo ?? account.Collector ?? "the team"}";
                break;
            case DunningActions.CreditHold:
                writes.Outbox.Add(OutboxModel.ToOutbox(new CreditHoldRequested(account.TenantId, account.CustomerId, $"dunning step {step.Name}: {what}", now), clock));
                action.Outcome = "credit hold requested from Customers";
                break;
        }

        writes.Outbox.Add(OutboxModel.ToOutbox(new DunningActionTaken(account.TenantId, action.Id, account.CustomerId, decided.StrategyCode, step.Code, step.Action,
            context.AsOf, [.. decision.Items.Select(i => i.InvoiceNumber)], decision.Amount), clock));
    }

    public static string DefaultTemplate(DunningStep step) => step switch
    {
        { Action: DunningActions.Email, DayOffset: < 0 } => "courtesy-reminder",
        { Action: DunningActions.Email } => "payment-reminder",
        { Action: DunningActions.Sms } => "sms-reminder",
        { Action: DunningActions.Letter, ContactLevel: "L3" } => "letter-l3",
        { Action: DunningActions.Letter } => "letter-l2",
        { Action: DunningActions.FinalNotice } => "final-notice",
        { Action: DunningActions.EscalateToSpoc } => "spoc-escalation",
        _ => "agency-referral",
    };

    private static string Invoices(IReadOnlyList<ActionItem> items) =>
        items.Count == 1 ? $"invoice {items[0].InvoiceNumber}" : $"{items.Count} invoices ({string.Join(", ", items.Take(5).Select(i => i.InvoiceNumber))}{(items.Count > 5 ? ", ..." : "")})";

    private void Send(DunningWrites writes, DunningAction action, RunContext context, CollectionAccount account, AccountContact? contact, DunningStep step,
        IReadOnlyDictionary<Guid, CollectionItem> byId, string templateCode, string channel, string? toName, string? address, string? level, string? note,
        CancellationToken cancellationToken)
    {
        var template = MessageComposer.Template(context.Templates, templateCode);
        var model = MessageComposer.Model(context, account, contact, action.Items, step, byId);
        var message = composer.Compose(account.TenantId, account.CustomerId, template, model, channel, toName, address, level, note, cancellationToken);
        message.ActionId = action.Id;
        writes.Messages.Add(message);
        if (message.Status == MessageStatuses.Queued)
        {
            writes.Queue.Add(MessageQueue.Entry(message));
        }

        action.MessageId = message.Id;
        var outcome = (action.Outcome is null ? "" : action.Outcome + "; ") + $"{channel} to {toName}{(note is null ? "" : $" ({note})")}"
            + (message.Status == MessageStatuses.Failed ? $" failed: {message.LastError}" : "");
        action.Outcome = outcome.Length > 500 ? outcome[..500] : outcome;
    }

    private Guid Task(DunningWrites writes, CollectionAccount account, RunContext context, string kind, string title, string? assignee, Guid actionId, string? activityType = null)
    {
        var task = new CollectionTask
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = account.TenantId,
            CustomerId = account.CustomerId,
            Kind = kind,
            Title = title.Length > 500 ? title[..500] : title,
            ActivityType = activityType,
            DueDate = context.AsOf,
            Assignee = assignee,
            Status = TaskStatuses.Open,
            ActionId = actionId,
            CreatedAt = clock.GetUtcNow(),
        };
        writes.Tasks.Add(task);
        return task.Id;
    }

    private DunningAction NewAction(RunContext context, CollectionAccount account, string strategy, DunningStep step, string kind, IReadOnlyList<ActionItem> items,
        DateTimeOffset now, string? skipReason) => new()
        {
            Id = Guid.CreateVersion7(now),
            TenantId = account.TenantId,
            CustomerId = account.CustomerId,
            BusinessDate = context.AsOf,
            StrategyCode = strategy,
            StepCode = step.Code,
            StepName = step.Name,
            DayOffset = step.DayOffset,
            Action = step.Action,
            Kind = kind,
            SkipReason = skipReason,
            Trigger = context.Trigger,
            RunId = context.RunId,
            Items = [.. items],
            Amount = items.Sum(i => i.DunnedAmount),
            CreatedAt = now,
        };
}
