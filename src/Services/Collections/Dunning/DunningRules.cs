namespace ArPlatform.Collections.Dunning;

/// <summary>An open item as the rules see it on the run's date.</summary>
public sealed record ItemState(
    Guid InvoiceId, string Number, DateOnly DueDate, decimal OpenAmount, decimal DisputedAmount, int? PositionOffset, bool CoveredByPromise,
    string? HeldFor = null, DateOnly? HeldFrom = null, DateOnly? HeldUntil = null, DateOnly? RecordedOn = null)
{
    public decimal Dunnable => Math.Max(0, OpenAmount - DisputedAmount);

    public bool WasHeldOn(DateOnly date) => HeldFrom is { } from && date >= from && (HeldUntil is not { } until || date <= until);
}

/// <summary>The account as the rules see it: whether and when it is paused.</summary>
public sealed record AccountState(DateOnly? PausedFrom, DateOnly? PausedUntil)
{
    public bool PausedOn(DateOnly date) => PausedUntil is { } until && date <= until && (PausedFrom is not { } from || date >= from);
}

public sealed record SkippedStep(DunningStep Step, string Reason, IReadOnlyList<ActionItem> Items);

/// <summary>What the account does on the date: one step for the items it lists, and the steps passed over with why.</summary>
public sealed record DunningDecision(DunningStep Step, IReadOnlyList<ActionItem> Items, IReadOnlyList<SkippedStep> Skipped)
{
    public decimal Amount => Items.Sum(i => i.DunnedAmount);
}

/// <summary>
/// The dunning rules (ADR 0019), as a pure function of an account's items on a date:
/// an item is dunnable when something undisputed is open on it, no open promise covers it and the account is not
/// paused; its due step is the last step whose day offset is at most the days since its due date. If any dunnable
/// item's due step is past its position, the account takes one action, the highest such step, for every such item,
/// and they all move to that step. Steps the items reached but that are passed over are recorded as skipped, with
/// why. An account under the strategy's minimum overdue amount takes no step. A step the account already has on the
/// date (taken or skipped) is not taken again.
/// </summary>
public static class DunningRules
{
    public static DunningDecision? Decide(
        DunningStrategy strategy, AccountState account, IReadOnlyList<ItemState> items, DateOnly asOf, IReadOnlySet<string>? stepsOnDate = null)
    {
        if (account.PausedOn(asOf))
        {
            return null;
        }

        var steps = strategy.Steps.OrderBy(s => s.DayOffset).ToList();
        var dunnable = items.Where(i => i.Dunnable > 0 && !i.CoveredByPromise).ToList();
        if (strategy.AppliesTo.MinOverdueAmount is { } minimum && dunnable.Where(i => i.DueDate < asOf).Sum(i => i.Dunnable) < minimum)
        {
            return null;
        }

        var candidates = dunnable
            .Select(i => (Item: i, Due: DueStep(steps, i, asOf)))
            .Where(c => IsPast(c.Due, c.Item.PositionOffset))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var step = candidates.MaxBy(c => c.Due!.DayOffset).Due!;
        if (stepsOnDate?.Contains(step.Code) == true)
        {
            return null;
        }

        var skipped = steps
            .Where(s => s.DayOffset < step.DayOffset && stepsOnDate?.Contains(s.Code) != true)
            .Select(s => Skipped(s, account, [.. candidates.Select(c => c.Item).Where(i => Reached(s, i, asOf))], asOf))
            .OfType<SkippedStep>()
            .ToList();
        return new DunningDecision(step, [.. candidates.Select(c => ToActionItem(c.Item, asOf))], skipped);
    }

    /// <summary>The last step whose day offset is at most the item's days past due on <paramref name="asOf"/>, or null before the first.</summary>
    public static DunningStep? DueStep(IReadOnlyList<DunningStep> stepsInOrder, ItemState item, DateOnly asOf) => DueStep(stepsInOrder, item.DueDate, asOf);

    public static DunningStep? DueStep(IReadOnlyList<DunningStep> stepsInOrder, DateOnly dueDate, DateOnly asOf) =>
        stepsInOrder.LastOrDefault(s => s.DayOffset <= asOf.DayNumber - dueDate.DayNumber);

    /// <summary>Whether an item's due step is past its position: what every acting item has (so an account with none takes no step).</summary>
    public static bool IsPast(DunningStep? dueStep, int? position) => dueStep is not null && (position is not { } p || dueStep.DayOffset > p);

    public static ActionItem ToActionItem(ItemState i, DateOnly asOf) =>
        new(i.InvoiceId, i.Number, i.DueDate, i.OpenAmount, i.Dunnable, Math.Max(0, asOf.DayNumber - i.DueDate.DayNumber));

    private static bool Reached(DunningStep s, ItemState i, DateOnly asOf) =>
        (i.PositionOffset is not { } position || s.DayOffset > position) && s.DayOffset <= asOf.DayNumber - i.DueDate.DayNumber;

    private static SkippedStep? Skipped(DunningStep step, AccountState account, IReadOnlyList<ItemState> items, DateOnly asOf)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var reasons = items.Select(i => Reason(step, account, i, asOf)).ToList();
        var reason = reasons.FirstOrDefault(r => r is not (SkipReasons.MissedRun or SkipReasons.Superseded or SkipReasons.BeforeRecorded))
            ?? reasons.FirstOrDefault(r => r == SkipReasons.MissedRun) ?? reasons.FirstOrDefault(r => r == SkipReasons.BeforeRecorded) ?? SkipReasons.Superseded;
        return new SkippedStep(step, reason, [.. items.Select(i => ToActionItem(i, asOf))]);
    }

    private static string Reason(DunningStep step, AccountState account, ItemState item, DateOnly asOf)
    {
        var stepDate = item.DueDate.AddDays(step.DayOffset);
        return item.WasHeldOn(stepDate) && item.HeldFor is { } heldFor ? heldFor
            : account.PausedOn(stepDate) ? SkipReasons.Paused
            : item.RecordedOn is { } recorded && stepDate < recorded ? SkipReasons.BeforeRecorded
            : stepDate < asOf ? SkipReasons.MissedRun
            : SkipReasons.Superseded;
    }
}
