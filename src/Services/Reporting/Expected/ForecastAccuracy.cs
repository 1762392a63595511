using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Expected;

/// <summary>One past week: what the forecast made the horizon (weeks) before expected of it, and what was collected.</summary>
public sealed record ForecastWeek(DateOnly From, DateOnly To, DateOnly ForecastMadeOn, decimal? Expected, decimal Collected, decimal? Error, decimal? AbsolutePercentError);

public sealed record ForecastAccuracyTotals(int WeeksCompared, decimal Expected, decimal Collected, decimal Bias, decimal? WeightedAbsolutePercentError, decimal? Accuracy);

public sealed record ForecastAccuracyConventions(string Weeks, string Error, string Totals)
{
    public static readonly ForecastAccuracyConventions Platform = new(
        Weeks: "the last whole seven-day spans before today, newest first; each is compared with week <horizon> of the forecast kept on the day " +
               "(horizon − 1) weeks before it began (the daily job keeps one forecast a day); a week with no such forecast has expected null",
        Error: "error = collected − expected (positive: more came than expected); absolutePercentError = |error| ÷ collected × 100; collected " +
               "counts every settlement of the week, payments on items that were overdue when the forecast was made included, which the " +
               "forecast kept in its overdue line rather than in a week (so a tenant with overdue items sees a positive bias)",
        Totals: "over the weeks with a forecast: bias = Σ error; weightedAbsolutePercentError = Σ |error| ÷ Σ collected × 100; accuracy = 100 − it");
}

public sealed record ForecastAccuracyReport(int Weeks, int Horizon, ForecastAccuracyConventions Conventions, IReadOnlyList<ForecastWeek> Rows, ForecastAccuracyTotals Totals);

/// <summary>The kept forecasts against what payments settled in the weeks they forecast.</summary>
public sealed class ForecastAccuracy(ReportingDbContext db, TimeProvider clock)
{
    public async Task<ForecastAccuracyReport> LoadAsync(int weeks, int horizon, CancellationToken cancellationToken)
    {
        var today = BusinessDate.Today(clock);
        var spans = Enumerable.Range(1, weeks).Select(k => (From: today.AddDays(-7 * k), To: today.AddDays(-7 * k + 6))).ToList();
        var madeOn = spans.Select(s => s.From.AddDays(-7 * (horizon - 1))).ToList();
        var (earliest, latest) = (spans[^1].From, spans[0].To);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await BuildLedgerCommand.EnsureBuiltAsync(db, clock, cancellationToken);
            var forecasts = (await db.KeptForecasts.AsNoTracking().Where(f => madeOn.Contains(f.MadeOn)).Select(f => f.Report).ToListAsync(cancellationToken))
                .Select(ExpectedCollections.Deserialize).SelectMany(f => f?.Groups.Take(1).SelectMany(g => g.Weeks.Where(w => w.Week == horizon)) ?? [])
                .ToDictionary(w => w.From, w => w.Expected);
            var collected = await db.TenantLedgerDays.AsNoTracking().Where(d => d.Day >= earliest && d.Day <= latest)
                .GroupBy(d => d.Day).Select(g => new { Day = g.Key, Collected = g.Sum(d => d.Collected) })
                .ToDictionaryAsync(d => d.Day, d => d.Collected, cancellationToken);
            var rows = spans.Select((s, i) =>
            {
                var came = collected.Where(c => c.Key >= s.From && c.Key <= s.To).Sum(c => c.Value);
                decimal? expected = forecasts.TryGetValue(s.From, out var e) ? e : null;
                var error = came - expected;
                return new ForecastWeek(s.From, s.To, madeOn[i], expected, came, error,
                    error is { } err && came != 0 ? Math.Round(Math.Abs(err) / came * 100m, 2) : null);
            }).ToList();
            var compared = rows.Where(r => r.Expected is not null).ToList();
            var (sumCollected, sumAbs) = (compared.Sum(r => r.Collected), compared.Sum(r => Math.Abs(r.Error!.Value)));
            decimal? wape = sumCollected == 0 ? null : Math.Round(sumAbs / sumCollected * 100m, 2);
            return new ForecastAccuracyReport(weeks, horizon, ForecastAccuracyConventions.Platform, rows,
                new ForecastAccuracyTotals(compared.Count, compared.Sum(r => r.Expected!.Value), sumCollected, compared.Sum(r => r.Error!.Value), wape, 100m - wape));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
