namespace ArPlatform.Reporting.Expected;

/// <summary>What is expected in one week from the as-of date: from open items (moved by lateness) and from promises.</summary>
public sealed record ExpectedWeek(int Week, DateOnly From, DateOnly To, decimal Expected, decimal FromItems, int Items, decimal FromPromises, int Promises);

/// <summary>An amount kept out of the weeks, with how many items make it.</summary>
public sealed record ExpectedLine(decimal Amount, int Items);

public sealed record ExpectedGroup(
    string Key, string? Code, string? Name, decimal? LatenessDays, IReadOnlyList<ExpectedWeek> Weeks, ExpectedLine Later, ExpectedLine OverdueWithoutPromise,
    ExpectedLine Disputed, decimal PromisedAmount, decimal Total);

/// <summary>The rules the figures follow, stated for whoever checks them.</summary>
public sealed record ExpectedConventions(string Items, string Lateness, string Promises, string Disputed, string Overdue)
{
    public static readonly ExpectedConventions Platform = new(
        Items: "each open item not yet due is expected on its due date moved by its customer's lateness (never before the as-of date), in week " +
               "1 + (expected date − as-of date) ÷ 7; past the last week it is 'later'",
        Lateness: "a customer's amount-weighted days late (settlement date − due date, early negative) of what payments settled in the 12 calendar " +
                  "months up to the as-of date's; the tenant's for a customer with none",
        Promises: "an open promise's remaining amount is expected on its promised date (the as-of date if that has passed); it takes the place " +
                  "of the customer's overdue items first, then of its earliest expected ones",
        Disputed: "the disputed part of an item under an open dispute is kept apart, not expected",
        Overdue: "overdue items no promise covers are in their own line, not in a week");
}

public sealed record ExpectedCollectionsReport(
    DateOnly AsOf, int Weeks, string GroupBy, decimal? TenantLatenessDays, ExpectedConventions Conventions, IReadOnlyList<ExpectedGroup> Groups);

/// <summary>One open item behind a figure, with the date it is expected on.</summary>
public sealed record ExpectedItem(Guid InvoiceId, string? Number, Guid CustomerId, DateOnly DueDate, decimal OpenAmount, decimal DisputedAmount, DateOnly? ExpectedOn);
