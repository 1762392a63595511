using ArPlatform.Reporting.Kpis;
using ArPlatform.Reporting.Ledger;

namespace ArPlatform.Reporting.Tests;

/// <summary>The KPI formulas against the worked examples of the domain (docs/domain: KPIs).</summary>
public sealed class KpiFormulasTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);

    private static KpiGroup Compute(LedgerAmounts atBeginning, LedgerAmounts atEnd, int periodDays) =>
        KpiFormulas.Compute("tenant", null, null, null, new KpiInputs { AtBeginning = atBeginning, AtEnd = atEnd }, AsOf, periodDays);

    [Fact]
    public void Standard_dso_is_ending_ar_over_the_periods_credit_sales_times_its_days()
    {
        // AR 3,000; sales 16,000; 365 days → 68.4375.
        var group = Compute(default, new LedgerAmounts { Invoiced = 16_000m, Collected = 13_000m }, 365);

        Assert.Equal(68.44m, group.DsoStandard.Value);
        Assert.Equal((3_000m, 16_000m, 365), (group.DsoStandard.EndingAr, group.DsoStandard.CreditSales, group.DsoStandard.PeriodDays));
    }

    [Fact]
    public void Countback_dso_counts_whole_months_back_until_the_remainder_is_smaller_than_a_months_sales()
    {
        // AR 212,000; last three months' sales 100,000, 80,000, 70,000 (30-day months) → 30 + 30 + 32/70 × 30 = 73.714…
        var dso = KpiFormulas.Countback(212_000m, [("2026-11", 30, 100_000m), ("2026-10", 30, 80_000m), ("2026-09", 30, 70_000m)]);

        Assert.Equal(73.71m, dso.Value);
        Assert.Equal([30m, 30m, 13.7143m], dso.Months.Select(m => m.DaysCounted));
        Assert.False(dso.HistoryExhausted);
    }

    [Fact]
    public void Countback_over_calendar_months_starts_with_the_as_of_dates_month_up_to_that_date()
    {
        var sales = new Dictionary<DateOnly, decimal> { [new(2026, 11, 1)] = 100_000m, [new(2026, 10, 1)] = 80_000m, [new(2026, 9, 1)] = 70_000m };

        Assert.Equal(74.71m, KpiFormulas.Countback(212_000m, sales, AsOf).Value); // 30 (Nov) + 31 (Oct) + 32/70 × 30 (Sep)
        // As of the 15th, November counts its 15 days: 15 + 12/80 × 31.
        Assert.Equal(19.65m, KpiFormulas.Countback(112_000m, sales, new DateOnly(2026, 11, 15)).Value);
    }

    [Fact]
    public void Countback_runs_out_of_history_or_finds_nothing_to_count()
    {
        var exhausted = KpiFormulas.Countback(500m, [("2026-11", 30, 100m), ("2026-10", 31, 100m)]);
        Assert.Equal((61m, true), (exhausted.Value, exhausted.HistoryExhausted));
        Assert.Equal(0m, KpiFormulas.Countback(0m, [("2026-11", 30, 100m)]).Value);
        Assert.Null(KpiFormulas.Countback(-10m, [("2026-11", 30, 100m)]).Value); // a credit balance has no DSO
        Assert.Equal(30m, KpiFormulas.Countback(100m, [("2026-11", 30, 100m), ("2026-10", 31, 100m)]).Value); // exactly one month's sales
    }

    [Fact]
    public void Best_possible_dso_and_average_days_delinquent_follow_the_worked_example()
    {
        // AR 15,000; current 4,000; sales 10,000 over 30 days → DSO 45, BPDSO 12, ADD 33.
        var group = Compute(new LedgerAmounts { Invoiced = 5_000m }, new LedgerAmounts { Invoiced = 15_000m, NotDue = 4_000m }, 30);

        Assert.Equal((45m, 12m, 33m), (group.DsoStandard.Value, group.BestPossibleDso.Value, group.AverageDaysDelinquent.Value));
        Assert.Equal(4_000m, group.BestPossibleDso.EndingCurrentAr);
    }

    [Fact]
    public void Cei_uses_the_monthly_average_of_credit_sales_and_also_states_the_whole_period_form()
    {
        // Beginning 6,200; sales 10,890 over 3 months; ending total 6,340; ending current 3,590 → 55.93% (79.63% with the whole period's sales).
        var group = Compute(new LedgerAmounts { Invoiced = 6_200m },
            new LedgerAmounts { Invoiced = 6_200m + 10_890m, Collected = 6_200m + 10_890m - 6_340m, NotDue = 3_590m }, 90);

        Assert.Equal((55.93m, 3m, 3_630m), (group.Cei.Value, group.Cei.Months, group.Cei.SalesUsed));
        Assert.Equal(79.63m, group.CeiWholePeriod.Value);
        Assert.Equal((6_200m, 10_890m, 6_340m, 3_590m), (group.Cei.BeginningAr, group.Cei.CreditSales, group.Cei.EndingAr, group.Cei.EndingCurrentAr));
    }

    [Theory]
    [InlineData(90, 3)]
    [InlineData(30, 1)]
    [InlineData(7, 1)]
    [InlineData(180, 6)]
    [InlineData(365, 12)]
    public void A_periods_months_for_cei_are_its_days_times_twelve_over_365_rounded(int days, int months) =>
        Assert.Equal(months, KpiFormulas.CeiMonths(days));

    [Fact]
    public void Bad_debt_ratio_and_the_kept_rate_count_what_they_should_and_say_nothing_without_a_denominator()
    {
        var inputs = new KpiInputs
        {
            AtEnd = new LedgerAmounts { Invoiced = 16_000m, WrittenOff = 400m },
            Promises = new PromiseCounts(Kept: 1, KeptAmount: 1_000m, KeptLate: 0, KeptLateAmount: 0, Broken: 1, BrokenAmount: 500m, Undecided: 1,
                UndecidedAmount: 50m),
        };
        var group = KpiFormulas.Compute("tenant", null, null, null, inputs, AsOf, 90);

        Assert.Equal(0.025m, group.BadDebtRatio.Value);
        Assert.Equal((50m, 66.67m, 2, 1_500m), (group.PromiseKeptRate.ByCount, group.PromiseKeptRate.ByAmount, group.PromiseKeptRate.FellDue,
            group.PromiseKeptRate.FellDueAmount));

        var empty = Compute(default, default, 90);
        Assert.Null(empty.DsoStandard.Value);
        Assert.Null(empty.Cei.Value);
        Assert.Null(empty.PromiseKeptRate.ByCount);
        Assert.Null(empty.BadDebtRatio.Value);
    }
}
