using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Dunning;

public static class ActionKinds
{
    public const string Taken = "taken";
    public const string Skipped = "skipped";
}

public static class SkipReasons
{
    public const string Disputed = "disputed";
    public const string Promise = "promise to pay";
    public const string Paused = "account paused";
    public const string MissedRun = "missed run";
    public const string BeforeRecorded = "before the invoice was recorded";
    public const string Superseded = "a later step was due the same day";
}

/// <summary>An invoice a dunning action concerns: what was dunned on it and how late it was.</summary>
public sealed record ActionItem(Guid InvoiceId, string InvoiceNumber, DateOnly DueDate, decimal OpenAmount, decimal DunnedAmount, int DaysOverdue);

/// <summary>
/// A step the account took, or passed over, on a business date: at most one per account, step and date (unique in the
/// database). A taken action is written with its message, task and event in one transaction.
/// </summary>
public sealed class DunningAction : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly BusinessDate { get; set; }

    public required string StrategyCode { get; set; }

    public required string StepCode { get; set; }

    public required string StepName { get; set; }

    public int DayOffset { get; set; }

    public required string Action { get; set; }

    /// <summary><see cref="ActionKinds.Taken"/> or <see cref="ActionKinds.Skipped"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>For a skipped step, why (<see cref="SkipReasons"/>).</summary>
    public string? SkipReason { get; set; }

    /// <summary>daily run, catch-up or manual run.</summary>
    public required string Trigger { get; set; }

    public Guid? RunId { get; set; }

    /// <summary>The invoices of a taken action with their figures; empty for a skipped step, whose invoices are <see cref="ItemIds"/>.</summary>
    public List<ActionItem> Items { get; set; } = [];

    /// <summary>
    /// The invoices a skipped step passed over. Their figures are those of the step taken the same day (a skipped step's
    /// invoices are among its), so they are stored once, there: a first run over a book months overdue skips several steps
    /// for every account, and the figures repeated on each were most of what the run wrote (ADR 0019).
    /// </summary>
    public Guid[] ItemIds { get; set; } = [];

    public decimal Amount { get; set; }

    /// <summary>What the action did besides its message: a task, a hold requested, the account marked for placement, a contact missing.</summary>
    public string? Outcome { get; set; }

    public Guid? MessageId { get; set; }

    public Guid? TaskId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Where a dunning run stands.</summary>
public static class DunningRunStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>One dunning run of a tenant for a date: what it saw and did.</summary>
public sealed class DunningRun : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public DateOnly AsOf { get; set; }

    public required string Trigger { get; set; }

    /// <summary>One of <see cref="DunningRunStatuses"/>.</summary>
    public required string Status { get; set; }

    public int AccountsSeen { get; set; }

    public Dictionary<string, int> ActionsByKind { get; set; } = [];

    public int Skipped { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

public static class SkippedStepItems
{
    /// <summary>The skipped steps' items, with their figures from the step taken by the same account on the same day.</summary>
    public static IEnumerable<DunningAction> WithItems(this IReadOnlyList<DunningAction> actions)
    {
        var taken = actions.Where(a => a.Kind == ActionKinds.Taken)
            .SelectMany(a => a.Items.Select(i => (Key: (a.CustomerId, a.BusinessDate, i.InvoiceId), Item: i)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Item);
        foreach (var action in actions)
        {
            if (action.Kind == ActionKinds.Skipped && action.Items.Count == 0)
            {
                action.Items = [.. action.ItemIds.Select(id => taken.GetValueOrDefault((action.CustomerId, action.BusinessDate, id))).OfType<ActionItem>()];
            }

            yield return action;
        }
    }
}
