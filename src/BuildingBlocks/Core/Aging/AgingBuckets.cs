namespace ArPlatform.BuildingBlocks.Aging;

/// <summary>An aging bucket: open amounts whose days past due fall in [From, To] (To null: no upper bound).</summary>
public sealed record AgingBucket(string Label, int? From, int? To);

/// <summary>
/// The one aging rule of the platform: a tenant's buckets are the upper bounds (days past due) of every bucket but the
/// last, "Not due"'s 0 first; Reporting's aging, Collections' account view, the workbench and Invoices' statements all
/// bucket with it.
/// </summary>
public static class AgingBuckets
{
    /// <summary>Not due, 1-30, 31-60, 61-90, 91-180, 180+.</summary>
    public static readonly int[] DefaultUpperBounds = [0, 30, 60, 90, 180];

    /// <summary>Buckets from upper bounds: the first is "Not due" (bound 0), then "1-30", ..., and "180+" for the rest.</summary>
    public static IReadOnlyList<AgingBucket> FromUpperBounds(IReadOnlyList<int> upperBounds)
    {
        var buckets = new List<AgingBucket>(upperBounds.Count + 1);
        int? from = null;
        foreach (var bound in upperBounds)
        {
            buckets.Add(new AgingBucket(from is null && bound == 0 ? "Not due" : $"{from ?? 0}-{bound}", from, bound));
            from = bound + 1;
        }

        buckets.Add(new AgingBucket($"{upperBounds[^1]}+", from, null));
        return buckets;
    }

    /// <summary>
    /// The rule of bucket assignment: the index of the bucket holding <paramref name="daysPastDue"/> (as-of date − due
    /// date) is how many upper bounds it exceeds. Statements that bucket in the database use <see cref="IndexSql"/>.
    /// </summary>
    public static int IndexOf(IReadOnlyList<int> upperBounds, int daysPastDue)
    {
        var index = 0;
        while (index < upperBounds.Count && daysPastDue > upperBounds[index])
        {
            index++;
        }

        return index;
    }

    /// <summary>
    /// <see cref="IndexOf"/> as a SQL expression, for statements that bucket rows where they are: <paramref name="upperBounds"/>
    /// is an int[] parameter and <paramref name="daysPastDue"/> an integer expression (e.g. <c>@today - due_date</c>).
    /// </summary>
    public static string IndexSql(string upperBounds, string daysPastDue) =>
        $"(SELECT count(*) FROM unnest({upperBounds}) AS bound WHERE {daysPastDue} > bound)::int";

    /// <summary>Null when the tenant's requested bounds are usable, else the rule they break.</summary>
    public static string? Validate(IReadOnlyList<int>? boundsAfterNotDue) => boundsAfterNotDue switch
    {
        null or { Count: 0 } => "must list at least one bound, e.g. [30, 60, 90, 180].",
        { Count: > 20 } => "must have at most 20 bounds.",
        _ when boundsAfterNotDue[0] < 1 => "must start at 1 day or more (bucket 'Not due' is always first).",
        _ when boundsAfterNotDue.Zip(boundsAfterNotDue.Skip(1)).Any(p => p.Second <= p.First) => "must be strictly increasing.",
        _ when boundsAfterNotDue[^1] > 3650 => "must be at most 3650 days.",
        _ => null,
    };
}
