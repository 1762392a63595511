using System.Globalization;
using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.Workbench.Api;

namespace ArPlatform.Workbench.Components;

/// <summary>
/// CEI as the trend chart draws it. Reporting computes CEI as the domain defines it, monthly-average convention:
/// (beginning AR + a month's credit sales − ending AR) ÷ (beginning AR + a month's credit sales − ending current AR).
/// Over a 90-day window the denominator is small or negative whenever the receivables not yet due at the end come near
/// the beginning AR plus one month's sales (a new client, a quarter of growing sales), and the figure swings to 639% or
/// −171% on ordinary data. The chart keeps Reporting's figures and draws them on CEI's own scale, 0 to 100%:
/// <list type="bullet">
/// <item>a denominator of zero or less is "n/a" (no collectible base), drawn as a gap; a figure above 100% can come only
/// from such a denominator (ending AR is never below the part not yet due);</item>
/// <item>a figure below 0% (ending AR above the beginning AR plus a month's sales) is held at 0%, marked "&lt;0%".</item>
/// </list>
/// Each such point carries a note saying why, shown as its tooltip and listed under the chart.
/// </summary>
public static class CeiChart
{
    public const decimal Low = 0m;
    public const decimal High = 100m;

    public const string Caption =
        "Over the 90 days to each month end: (beginning receivables + a month's credit sales − ending receivables) ÷ " +
        "(beginning receivables + a month's credit sales − ending receivables not yet due), the monthly-average convention. " +
        "A figure outside 0–100% is marked and explained below the chart.";

    public static IReadOnlyList<LinePoint> Points(IEnumerable<KpiTrendPoint> trend) =>
        [.. trend.Select(p => Point(p.AsOf.ToString("MMM-yy", CultureInfo.InvariantCulture), p.Figures.Cei))];

    public static LinePoint Point(string label, CeiFigure cei)
    {
        var startPlusSales = cei.BeginningAr + cei.SalesUsed;
        var collectible = startPlusSales - cei.EndingCurrentAr;
        if (cei.Value is not { } value || collectible <= 0)
        {
            var figure = cei.Value is { } v ? $"; the formula gives {LineChart.Text(v, "%")}" : "";
            return new LinePoint(label, null, "n/a",
                $"nothing was collectible: receivables not yet due at the end ({IndianMoney.Format(cei.EndingCurrentAr)}) were at least the beginning " +
                $"receivables plus a month's credit sales ({IndianMoney.Format(startPlusSales)}){figure}");
        }

        if (value < Low)
        {
            return new LinePoint(label, Low, LineChart.Text(value, "%"), Tag: "<0%", Note:
                $"drawn at 0%: receivables at the end ({IndianMoney.Format(cei.EndingAr)}) were more than the beginning receivables plus a month's " +
                $"credit sales ({IndianMoney.Format(startPlusSales)})");
        }

        return value > High
            ? new LinePoint(label, High, LineChart.Text(value, "%"), Tag: ">100%", Note: "drawn at 100%: ending receivables were below those not yet due, which the ledger should not allow")
            : new LinePoint(label, value, LineChart.Text(value, "%"));
    }
}
