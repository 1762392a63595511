using System.Globalization;
using ArPlatform.Contracts;

namespace ArPlatform.Customers.Risk;

/// <summary>What a customer's receivables and payments say about it as of one date (see <see cref="PaymentBehaviourQuery"/>).</summary>
public sealed record PaymentBehaviour(
    Guid CustomerId,
    int Payments,
    double? AverageDaysLate,
    int InvoicesSettled,
    double? ShareSettledLate,
    int WorstDaysLate12Months,
    decimal OpenAmount,
    decimal OverdueAmount,
    int OldestOverdueDays,
    string? OldestOverdueInvoice,
    int BouncedPayments12Months,
    DateOnly? FirstActivity);

public sealed record RiskScore(string? Rating, int Score, IReadOnlyList<RiskFactor> Factors);

/// <summary>
/// The risk scorecard (ADR 0007): five factors add points, 0 to 100, and the total gives the rating.
/// <list type="bullet">
/// <item>averageDaysLate: amount-weighted days late of the payments, recent ones counting more (weight halves every
/// 180 days): 0 → 0, 1-5 → 5, 6-15 → 10, 16-30 → 20, 31-60 → 30, more → 40.</item>
/// <item>shareSettledLate: the share of settled invoices settled after their due date (same recency weights) × 20.</item>
/// <item>worstDaysLate12Months: the worst lateness of the last 12 months, open overdue invoices included:
/// 0 → 0, 1-30 → 5, 31-60 → 10, 61-90 → 15, more → 20.</item>
/// <item>overdueShare: the share of what is open that is overdue × 10.</item>
/// <item>bouncedPayments12Months: 5 per reversed (bounced) payment in the last 12 months, at most 10.</item>
/// </list>
/// Rating: A below 10, B below 25, C below 45, D below 65, E from 65. A customer with nothing settled, paid or
/// overdue yet has no rating.
/// </summary>
public static class RiskModel
{
    public static readonly IReadOnlyList<(string Rating, int Below)> Bands = [("A", 10), ("B", 25), ("C", 45), ("D", 65), ("E", int.MaxValue)];

    public static RiskScore Score(PaymentBehaviour b)
    {
        var c = CultureInfo.InvariantCulture;
        var averageLate = b.AverageDaysLate ?? 0;
        var worst = Math.Max(b.WorstDaysLate12Months, b.OldestOverdueDays);
        var overdueShare = b.OpenAmount > 0 ? (double)(b.OverdueAmount / b.OpenAmount) : 0;
        RiskFactor[] factors =
        [
            new("averageDaysLate", b.AverageDaysLate is null ? "no payments yet" : string.Format(c, "{0:0.0} days over {1} payments", averageLate, b.Payments),
                averageLate switch { <= 0.5 => 0, <= 5 => 5, <= 15 => 10, <= 30 => 20, <= 60 => 30, _ => 40 }),
            new("shareSettledLate", b.ShareSettledLate is null ? "no invoice settled yet" : string.Format(c, "{0:0%} of {1} invoices", b.ShareSettledLate, b.InvoicesSettled),
                (int)Math.Round((b.ShareSettledLate ?? 0) * 20, MidpointRounding.AwayFromZero)),
            new("worstDaysLate12Months", worst == 0 ? "never late" : string.Format(c, "{0} days", worst),
                worst switch { 0 => 0, <= 30 => 5, <= 60 => 10, <= 90 => 15, _ => 20 }),
            new("overdueShare", b.OverdueAmount == 0 ? "nothing overdue" : string.Format(c, "{0:0.00} of {1:0.00} open is overdue, oldest {2} ({3} days)",
                    b.OverdueAmount, b.OpenAmount, b.OldestOverdueInvoice, b.OldestOverdueDays),
                (int)Math.Round(overdueShare * 10, MidpointRounding.AwayFromZero)),
            new("bouncedPayments12Months", b.BouncedPayments12Months.ToString(c), Math.Min(10, 5 * b.BouncedPayments12Months)),
        ];
        var score = factors.Sum(f => f.Points);
        var rated = b.Payments > 0 || b.InvoicesSettled > 0 || b.OverdueAmount > 0;
        return new RiskScore(rated ? Rating(score) : null, score, factors);
    }

    public static string Rating(int score) => Bands.First(b => score < b.Below).Rating;
}
