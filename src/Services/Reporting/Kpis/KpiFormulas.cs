namespace ArPlatform.Reporting.Kpis;

/// <summary>The KPI formulas of the domain (docs: <see cref="KpiConventions.Platform"/>), from a group's inputs.</summary>
public static class KpiFormulas
{
    /// <summary>How many months of credit sales the countback may go back (the as-of date's month included).</summary>
    public const int CountbackMonths = 24;

    public static KpiGroup Compute(string key, string? code, string? name, Guid? parentId, KpiInputs inputs, DateOnly asOf, int periodDays)
    {
        var end = inputs.AtEnd;
        var begin = inputs.AtBeginning;
        var period = end.Difference(begin);
        var endingAr = end.Receivables;
        var currentAr = end.NotDue;
        var sales = period.CreditSales;
        var standard = new DsoStandard(Ratio(endingAr * periodDays, sales), endingAr, sales, periodDays);
        var best = new BestPossibleDso(Ratio(currentAr * periodDays, sales), currentAr, sales, periodDays);
        var promises = inputs.Promises;
        var decided = promises.Kept + promises.KeptLate + promises.Broken;
        var decidedAmount = promises.KeptAmount + promises.KeptLateAmount + promises.BrokenAmount;
        var disputes = inputs.Disputes;
        return new KpiGroup(key, code, name, parentId, endingAr, currentAr, begin.Receivables, sales, period.Collected, period.CreditNotes, period.WrittenOff,
            Countback(endingAr, inputs.MonthlyCreditSales, asOf),
            standard,
            best,
            new AverageDaysDelinquent(standard.Value - best.Value, standard.Value, best.Value),
            Cei("monthly average", begin.Receivables, sales, CeiMonths(periodDays), endingAr, currentAr),
            Cei("whole period", begin.Receivables, sales, 1, endingAr, currentAr),
            new BadDebtRatio(Ratio(period.WrittenOff, sales, decimals: 4), period.WrittenOff, sales),
            new PromiseKeptRate(Ratio(promises.Kept * 100m, decided), Ratio(promises.KeptAmount * 100m, decidedAmount), decided, decidedAmount,
                promises.Kept, promises.KeptAmount, promises.KeptLate, promises.KeptLateAmount, promises.Broken, promises.BrokenAmount,
                promises.Undecided, promises.UndecidedAmount),
            new DisputeFigures(disputes.Raised, disputes.RaisedAmount, disputes.Resolved, disputes.Open, disputes.OpenAmount,
                Ratio(disputes.OpenAgeDays, disputes.Open, decimals: 1), disputes.PastSla));
    }

    /// <summary>The months a period of days counts as for CEI's monthly average: days × 12 ÷ 365, rounded, at least 1 (90 days: 3).</summary>
    public static int CeiMonths(int periodDays) => Math.Max(1, (int)Math.Round(periodDays * 12m / 365m, MidpointRounding.AwayFromZero));

    public static Cei Cei(string convention, decimal beginningAr, decimal creditSales, decimal months, decimal endingAr, decimal endingCurrentAr)
    {
        var salesUsed = creditSales / months;
        return new Cei(Ratio((beginningAr + salesUsed - endingAr) * 100m, beginningAr + salesUsed - endingCurrentAr), convention, beginningAr, creditSales,
            months, Math.Round(salesUsed, 2), endingAr, endingCurrentAr);
    }

    /// <summary>Countback DSO over calendar months, newest (the as-of date's, up to that date) first.</summary>
    public static DsoCountback Countback(decimal endingAr, IReadOnlyDictionary<DateOnly, decimal> monthlySales, DateOnly asOf)
    {
        var month = new DateOnly(asOf.Year, asOf.Month, 1);
        var months = Enumerable.Range(0, CountbackMonths).Select(i => month.AddMonths(-i))
            .Select((m, i) => (m.ToString("yyyy-MM"), i == 0 ? asOf.Day : DateTime.DaysInMonth(m.Year, m.Month), monthlySales.GetValueOrDefault(m)));
        return Countback(endingAr, [.. months]);
    }

    /// <summary>
    /// Countback DSO: from ending AR subtract each month's credit sales, newest first, adding that month's days, until the
    /// remainder is smaller than the next month's sales; then add remainder ÷ that month's sales × its days.
    /// </summary>
    public static DsoCountback Countback(decimal endingAr, IReadOnlyList<(string Month, int Days, decimal Sales)> newestFirst)
    {
        if (endingAr <= 0)
        {
            return new DsoCountback(endingAr == 0 ? 0 : null, endingAr, [], false);
        }

        var counted = new List<CountbackMonth>();
        var remainder = endingAr;
        var days = 0m;
        foreach (var (month, monthDays, sales) in newestFirst)
        {
            if (remainder < sales)
            {
                var share = remainder / sales * monthDays;
                counted.Add(new CountbackMonth(month, monthDays, sales, Math.Round(share, 4)));
                return new DsoCountback(Math.Round(days + share, 2), endingAr, counted, false);
            }

            remainder -= sales;
            days += monthDays;
            counted.Add(new CountbackMonth(month, monthDays, sales, monthDays));
            if (remainder == 0)
            {
                return new DsoCountback(days, endingAr, counted, false);
            }
        }

        return new DsoCountback(days, endingAr, counted, true);
    }

    private static decimal? Ratio(decimal numerator, decimal denominator, int decimals = 2) =>
        denominator == 0 ? null : Math.Round(numerator / denominator, decimals, MidpointRounding.AwayFromZero);
}
