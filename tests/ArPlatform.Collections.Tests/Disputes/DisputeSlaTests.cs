using ArPlatform.Collections.Disputes;

namespace ArPlatform.Collections.Tests;

/// <summary>When a dispute is past its SLA, in memory and as the query expressions say (they must agree).</summary>
public sealed class DisputeSlaTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    // The query forms, compiled once to run in memory.
    private static readonly Func<Dispute, bool> PastQuery = DisputeSla.Past(Now).Compile();
    private static readonly Func<Dispute, bool> NotPastQuery = DisputeSla.NotPast(Now).Compile();

    public static TheoryData<string, string, int?, int?, bool> Disputes => new()
    {
        // status, case, SLA due (seconds from now), flagged breached (seconds from now), past
        { DisputeStatuses.Open, "routed to nobody: no SLA", null, null, false },
        { DisputeStatuses.Open, "due in an hour", 3600, null, false },
        { DisputeStatuses.Open, "due this very instant", 0, null, false },
        { DisputeStatuses.Open, "a second past due", -1, null, true },
        { DisputeStatuses.InReview, "in review, past due", -3600, null, true },
        { DisputeStatuses.InReview, "in review, due in a second", 1, null, false },
        { DisputeStatuses.Resolved, "resolved after its due time, never flagged", -3600, null, false },
        { DisputeStatuses.Resolved, "resolved after the daily job flagged it", -86_400, -86_400, true },
        { DisputeStatuses.Open, "flagged: stays past", -86_400, -86_400, true },
    };

    private static Dispute Dispute(string status, int? dueInSeconds, int? breachedInSeconds) => new()
    {
        InvoiceNumber = "INV-1",
        Reason = "short supply",
        Status = status,
        RaisedAt = Now.AddDays(-2),
        SlaDueAt = dueInSeconds is { } due ? Now.AddSeconds(due) : null,
        SlaBreachedAt = breachedInSeconds is { } breached ? Now.AddSeconds(breached) : null,
    };

    [Theory]
    [MemberData(nameof(Disputes))]
    public void A_dispute_is_past_its_sla_when_flagged_or_still_active_after_its_due_time(string status, string @case, int? due, int? breached, bool past)
    {
        var dispute = Dispute(status, due, breached);

        Assert.True(past == DisputeSla.IsPast(dispute, Now), @case);
        Assert.True(past == PastQuery(dispute), @case);
        Assert.True(!past == NotPastQuery(dispute), @case);
    }

    [Fact]
    public void A_due_time_written_in_india_time_is_compared_as_the_same_instant()
    {
        // 15:30 in India is 10:00 UTC.
        var dispute = Dispute(DisputeStatuses.Open, null, null);
        dispute.SlaDueAt = new DateTimeOffset(2026, 12, 7, 15, 30, 0, TimeSpan.FromHours(5.5));

        Assert.False(DisputeSla.IsPast(dispute, Now));
        Assert.True(DisputeSla.IsPast(dispute, Now.AddTicks(1)));
    }

    [Theory]
    [InlineData("open", true)]
    [InlineData("in review", true)]
    [InlineData("resolved", false)]
    [InlineData("Open", false)] // statuses are the exact words
    public void Only_open_and_in_review_disputes_are_active(string status, bool active) =>
        Assert.Equal(active, DisputeStatuses.IsActive(status));
}
