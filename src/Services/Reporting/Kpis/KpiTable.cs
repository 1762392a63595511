using ArPlatform.Reporting.Exports;

namespace ArPlatform.Reporting.Kpis;

/// <summary>The KPI report as a table for the exports: one row per group, each figure and its main inputs in columns.</summary>
public static class KpiTable
{
    private static readonly (string Name, Func<KpiGroup, object?> Value)[] Columns =
    [
        ("group", g => g.Key), ("code", g => g.Code), ("name", g => g.Name),
        ("dsoCountback", g => g.DsoCountback.Value), ("dsoStandard", g => g.DsoStandard.Value), ("bestPossibleDso", g => g.BestPossibleDso.Value),
        ("averageDaysDelinquent", g => g.AverageDaysDelinquent.Value), ("cei", g => g.Cei.Value), ("ceiWholePeriod", g => g.CeiWholePeriod.Value),
        ("badDebtRatio", g => g.BadDebtRatio.Value), ("endingAr", g => g.EndingAr), ("endingCurrentAr", g => g.EndingCurrentAr),
        ("beginningAr", g => g.BeginningAr), ("creditSales", g => g.CreditSales), ("cashCollected", g => g.CashCollected),
        ("creditNotes", g => g.CreditNotes), ("writtenOff", g => g.WrittenOff), ("promiseKeptRateByCount", g => g.PromiseKeptRate.ByCount),
        ("promiseKeptRateByAmount", g => g.PromiseKeptRate.ByAmount), ("promisesFellDue", g => g.PromiseKeptRate.FellDue),
        ("promisesKept", g => g.PromiseKeptRate.Kept), ("promisesBroken", g => g.PromiseKeptRate.Broken), ("disputesRaised", g => g.Disputes.Raised),
        ("disputesResolved", g => g.Disputes.Resolved), ("disputesOpen", g => g.Disputes.Open), ("disputesOpenAmount", g => g.Disputes.OpenAmount),
        ("disputesPastSla", g => g.Disputes.PastSla),
    ];

    public static ReportTable Of(KpiReport report) => new(
        $"kpis-{report.GroupBy}-{report.AsOf:yyyy-MM-dd}-{report.PeriodDays}d",
        [.. Columns.Select((c, i) => new ReportColumn(c.Name, IsNumber: i >= 3))],
        report.Groups.Select(g => Columns.Select(c => c.Value(g)).ToArray()));
}
