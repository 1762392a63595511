using ArPlatform.Reporting.Expected;
using ArPlatform.Reporting.Kpis;
using ArPlatform.Reporting.Plans;

namespace ArPlatform.Reporting.Periodic;

/// <summary>
/// Gathers a client report from the same services the API answers with (KPIs, their trend, plan against actual,
/// expected collections), so that every number in it equals the API's for the same date; plus the top overdue
/// accounts, open disputes and broken promises.
/// </summary>
public sealed class ClientReportBuilder(KpiReports kpis, CollectionPlans plans, ExpectedCollections expected, ClientReportQueries queries, TimeProvider clock)
{
    public const int KpiPeriodDays = 90;
    public const int TrendMonths = 12;
    public const int ExpectedWeeks = 13;
    public const int TopOverdue = 25;
    public const int MaxListed = 1_000;

    public async Task<ClientReport> BuildAsync(string client, ReportPeriod period, CancellationToken cancellationToken)
    {
        var generatedAt = clock.GetUtcNow();
        var today = ServiceDefaults.Http.BusinessDate.Of(generatedAt);
        var asOf = period.To;
        var headline = (await kpis.LoadAsync(asOf, KpiPeriodDays, KpiGroupings.Tenant, cancellationToken)).Groups[0];
        var inPeriod = (await kpis.LoadAsync(asOf, period.Days, KpiGroupings.Tenant, cancellationToken)).Groups[0];
        var trend = new List<(DateOnly AsOf, KpiGroup Figures)>();
        foreach (var date in KpiTrend.Dates(new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1 - TrendMonths), asOf, "month"))
        {
            trend.Add((date, (await kpis.LoadAsync(date, KpiPeriodDays, KpiGroupings.Tenant, cancellationToken)).Groups[0]));
        }

        var month = new DateOnly(asOf.Year, asOf.Month, 1);
        var planVsActual = await plans.PlanVsActualAsync(month, PlanDimensions.Dealer, cancellationToken);
        var forecast = (await expected.LoadAsync(today, ExpectedWeeks, KpiGroupings.Tenant, cancellationToken)).Groups[0];
        var overdue = await queries.TopOverdueAsync(today, TopOverdue, cancellationToken);
        var disputes = await queries.OpenDisputesAsync(asOf, MaxListed, cancellationToken);
        var broken = await queries.BrokenPromisesAsync(period, MaxListed, cancellationToken);

        List<ClientReportSection> sections =
        [
            Summary(headline, inPeriod, planVsActual, forecast, period),
            new("KPI trend", $"Month ends to {asOf:dd MMM yyyy}, each over the {KpiPeriodDays} days before it.",
                [new("asOf"), new("dsoCountback", true), new("dsoStandard", true), new("bestPossibleDso", true), new("cei", true), new("endingAr", true),
                 new("creditSales", true), new("cashCollected", true)],
                [.. trend.Select(t => new object?[] { t.AsOf.ToString("yyyy-MM-dd"), t.Figures.DsoCountback.Value, t.Figures.DsoStandard.Value,
                    t.Figures.BestPossibleDso.Value, t.Figures.Cei.Value, t.Figures.EndingAr, t.Figures.CreditSales, t.Figures.CashCollected })]),
            new("Plan vs actual", $"{month:MMMM yyyy}, collected through {planVsActual.CollectedThrough:dd MMM yyyy}; a distributor's figures include its dealers'.",
                [new("dealerCode"), new("name"), new("planned", true), new("collected", true), new("achievementPercent", true), new("shortfall", true)],
                [.. planVsActual.Rows.Select(r => new object?[] { r.Code, r.Name, r.Planned, r.Collected, r.AchievementPercent, r.Shortfall })]),
            new("Expected collections", $"Week by week from {today:dd MMM yyyy}: open items moved by each customer's lateness, promises in their place.",
                [new("line"), new("from"), new("to"), new("expected", true), new("fromItems", true), new("fromPromises", true)],
                [
                    .. forecast.Weeks.Select(w => new object?[] { $"week {w.Week}", w.From.ToString("yyyy-MM-dd"), w.To.ToString("yyyy-MM-dd"), w.Expected, w.FromItems,
                        w.FromPromises }),
                    ["later", null, null, forecast.Later.Amount, forecast.Later.Amount, null],
                    ["overdue, no promise", null, null, forecast.OverdueWithoutPromise.Amount, forecast.OverdueWithoutPromise.Amount, null],
                    ["disputed (not expected)", null, null, forecast.Disputed.Amount, forecast.Disputed.Amount, null],
                ]),
            new("Top overdue", $"The {TopOverdue} customers owing most past due on {today:dd MMM yyyy}.",
                [new("customerCode"), new("name"), new("overdue", true), new("items", true), new("oldestDueDate"), new("daysOverdue", true)],
                [.. overdue.Select(o => new object?[] { o.Code, o.Name, o.Overdue, o.Items, o.OldestDue.ToString("yyyy-MM-dd"), today.DayNumber - o.OldestDue.DayNumber })]),
            new("Open disputes", $"Open on {asOf:dd MMM yyyy}, oldest first (at most {MaxListed}).",
                [new("customerCode"), new("name"), new("invoice"), new("amount", true), new("raisedOn"), new("ageDays", true), new("slaDueOn"), new("pastSla")],
                [.. disputes.Select(d => new object?[] { d.Code, d.Name, d.Invoice, d.Amount, d.RaisedOn?.ToString("yyyy-MM-dd"),
                    d.RaisedOn is { } raised ? asOf.DayNumber - raised.DayNumber : null, d.SlaDueOn?.ToString("yyyy-MM-dd"), d.SlaDueOn < asOf ? "yes" : "no" })]),
            new("Broken promises", $"Promises broken from {period.From:dd MMM yyyy} to {period.To:dd MMM yyyy} (at most {MaxListed}).",
                [new("customerCode"), new("name"), new("amount", true), new("promisedDate"), new("brokenOn"), new("collected", true)],
                [.. broken.Select(b => new object?[] { b.Code, b.Name, b.Amount, b.PromisedDate.ToString("yyyy-MM-dd"), b.BrokenOn?.ToString("yyyy-MM-dd"), b.Collected })]),
        ];

        var next4Weeks = forecast.Weeks.Take(4).Sum(w => w.Expected);
        List<string> lines =
        [
            $"DSO (countback) on {asOf:dd MMM yyyy}: {Days(headline.DsoCountback.Value)}; CEI: {Percent(headline.Cei.Value)}.",
            $"Collected in the period: {Money(inPeriod.CashCollected)}; {month:MMMM}: {Money(planVsActual.Collected)} against a plan of " +
            $"{Money(planVsActual.Planned)} ({Percent(planVsActual.AchievementPercent)}).",
            $"Expected in the next four weeks: {Money(next4Weeks)}; overdue with no promise: {Money(forecast.OverdueWithoutPromise.Amount)}.",
            $"Open disputes: {headline.Disputes.Open} ({Money(headline.Disputes.OpenAmount)}), {headline.Disputes.PastSla} past their SLA; promises broken in the period: {broken.Count}.",
        ];
        return new ClientReport(client, period, today, generatedAt, sections, lines);
    }

    private static ClientReportSection Summary(KpiGroup k, KpiGroup inPeriod, PlanVsActual plan, ExpectedGroup forecast, ReportPeriod period) => new(
        "Summary", $"As of {period.To:dd MMM yyyy}; KPIs over the {KpiPeriodDays} days before it, as GET /api/v1/reports/kpis?periodDays={KpiPeriodDays} gives them.",
        [new("figure"), new("value", true), new("unit")],
        [
            ["DSO (countback)", k.DsoCountback.Value, "days"],
            ["DSO (standard)", k.DsoStandard.Value, "days"],
            ["Best possible DSO", k.BestPossibleDso.Value, "days"],
            ["Average days delinquent", k.AverageDaysDelinquent.Value, "days"],
            ["Collection effectiveness index (monthly average)", k.Cei.Value, "%"],
            ["Collection effectiveness index (whole period)", k.CeiWholePeriod.Value, "%"],
            ["Bad-debt ratio", k.BadDebtRatio.Value, "ratio"],
            ["Promises kept (by count)", k.PromiseKeptRate.ByCount, "%"],
            ["Promises kept (by amount)", k.PromiseKeptRate.ByAmount, "%"],
            ["Ending AR", k.EndingAr, "INR"],
            ["Ending current (not yet due) AR", k.EndingCurrentAr, "INR"],
            [$"Credit sales ({KpiPeriodDays} days)", k.CreditSales, "INR"],
            [$"Cash collected ({KpiPeriodDays} days)", k.CashCollected, "INR"],
            [$"Cash collected ({period.From:dd MMM} – {period.To:dd MMM yyyy})", inPeriod.CashCollected, "INR"],
            [$"Planned for {plan.Month}", plan.Planned, "INR"],
            [$"Collected in {plan.Month}", plan.Collected, "INR"],
            [$"Plan achieved in {plan.Month}", plan.AchievementPercent, "%"],
            ["Overdue, no promise", forecast.OverdueWithoutPromise.Amount, "INR"],
            ["Disputes open", k.Disputes.Open, "count"],
            ["Disputed amount open", k.Disputes.OpenAmount, "INR"],
            ["Disputes past SLA", k.Disputes.PastSla, "count"],
        ]);

    private static string Money(decimal amount) => BuildingBlocks.Formatting.IndianMoney.Format(amount);

    private static string Days(decimal? days) => days is { } d ? $"{d:0.#} days" : "n/a";

    private static string Percent(decimal? percent) => percent is { } p ? $"{p:0.#}%" : "n/a";
}
