using ArPlatform.Reporting.Ledger;

namespace ArPlatform.Reporting.Kpis;

/// <summary>
/// What the KPIs of one group are computed from, as of a date over a period of days. Every part adds up across
/// customers, so a group's inputs are the sum of its customers' and a ratio is never averaged.
/// </summary>
public sealed class KpiInputs
{
    /// <summary>Every flow summed up to the as-of date.</summary>
    public LedgerAmounts AtEnd { get; set; }

    /// <summary>Every flow summed up to the day before the period (the as-of date less the period's days).</summary>
    public LedgerAmounts AtBeginning { get; set; }

    /// <summary>Credit sales per calendar month (first day), newest first from the as-of date's month (up to the as-of date).</summary>
    public Dictionary<DateOnly, decimal> MonthlyCreditSales { get; } = [];

    public PromiseCounts Promises { get; set; }

    public DisputeCounts Disputes { get; set; }

    public void Add(KpiInputs other)
    {
        AtEnd += other.AtEnd;
        AtBeginning += other.AtBeginning;
        foreach (var (month, sales) in other.MonthlyCreditSales)
        {
            MonthlyCreditSales[month] = MonthlyCreditSales.GetValueOrDefault(month) + sales;
        }

        Promises += other.Promises;
        Disputes += other.Disputes;
    }
}

/// <summary>Promises that fell due in the period, as Collections decided them by the as-of date.</summary>
public record struct PromiseCounts(
    int Kept, decimal KeptAmount, int KeptLate, decimal KeptLateAmount, int Broken, decimal BrokenAmount, int Undecided, decimal UndecidedAmount)
{
    public static PromiseCounts operator +(PromiseCounts a, PromiseCounts b) => new(
        a.Kept + b.Kept, a.KeptAmount + b.KeptAmount, a.KeptLate + b.KeptLate, a.KeptLateAmount + b.KeptLateAmount, a.Broken + b.Broken,
        a.BrokenAmount + b.BrokenAmount, a.Undecided + b.Undecided, a.UndecidedAmount + b.UndecidedAmount);
}

/// <summary>Disputes raised and resolved in the period, and those open on the as-of date (their ages summed, for the average).</summary>
public record struct DisputeCounts(int Raised, decimal RaisedAmount, int Resolved, int Open, decimal OpenAmount, long OpenAgeDays, int PastSla)
{
    public static DisputeCounts operator +(DisputeCounts a, DisputeCounts b) => new(
        a.Raised + b.Raised, a.RaisedAmount + b.RaisedAmount, a.Resolved + b.Resolved, a.Open + b.Open, a.OpenAmount + b.OpenAmount,
        a.OpenAgeDays + b.OpenAgeDays, a.PastSla + b.PastSla);
}
