namespace ArPlatform.Reporting.Kpis;

/// <summary>The KPIs of every group as of a date over a period of days, each figure with the inputs its formula used.</summary>
public sealed record KpiReport(
    DateOnly AsOf, int PeriodDays, DateOnly PeriodStart, string GroupBy, string Currency, KpiConventions Conventions, IReadOnlyList<KpiGroup> Groups);

/// <summary>How the figures are defined, in words a client can check them by.</summary>
public sealed record KpiConventions(string Dso, string DsoCountback, string BestPossibleDso, string AverageDaysDelinquent, string Cei, string BadDebtRatio,
    string PromiseKeptRate, string CreditSales, string CashCollected)
{
    public static readonly KpiConventions Platform = new(
        Dso: "standard DSO = ending AR ÷ credit sales in the period × period days",
        DsoCountback: "from ending AR subtract each calendar month's credit sales, newest first (the as-of date's month up to the as-of date), adding " +
                      "that month's days, until the remainder is smaller than the next month's sales; then add remainder ÷ that month's sales × its days",
        BestPossibleDso: "current (not yet due) AR ÷ credit sales in the period × period days",
        AverageDaysDelinquent: "standard DSO − best possible DSO",
        Cei: "(beginning AR + monthly credit sales − ending AR) ÷ (beginning AR + monthly credit sales − ending current AR) × 100, monthly credit " +
             "sales = the period's credit sales ÷ its months (period days × 12 ÷ 365, rounded, at least 1); ceiWholePeriod uses the whole period's sales",
        BadDebtRatio: "amounts written off in the period ÷ credit sales in the period",
        PromiseKeptRate: "promises kept (paid in full by the promised date) ÷ promises whose date fell in the period and that Collections decided by the " +
                         "as-of date (kept, kept late or broken); by count and weighted by amount",
        CreditSales: "invoices (by invoice date) and debit notes, less cancellations",
        CashCollected: "what payments settled (cash, TDS deducted and early-payment discount) in the period, less what reversals reopened");
}

/// <summary>One group's figures. For a dealer, <see cref="ParentId"/> is the customer above it and its figures include every customer below it.</summary>
public sealed record KpiGroup(
    string Key,
    string? Code,
    string? Name,
    Guid? ParentId,
    decimal EndingAr,
    decimal EndingCurrentAr,
    decimal BeginningAr,
    decimal CreditSales,
    decimal CashCollected,
    decimal CreditNotes,
    decimal WrittenOff,
    DsoCountback DsoCountback,
    DsoStandard DsoStandard,
    BestPossibleDso BestPossibleDso,
    AverageDaysDelinquent AverageDaysDelinquent,
    Cei Cei,
    Cei CeiWholePeriod,
    BadDebtRatio BadDebtRatio,
    PromiseKeptRate PromiseKeptRate,
    DisputeFigures Disputes);

/// <summary>One month of the countback: its credit sales and the days it added (all of them, or the remainder's share).</summary>
public sealed record CountbackMonth(string Month, int Days, decimal CreditSales, decimal DaysCounted);

/// <summary>Countback DSO in days; null when there is no AR to count. <see cref="HistoryExhausted"/>: the months kept ran out before the remainder.</summary>
public sealed record DsoCountback(decimal? Value, decimal EndingAr, IReadOnlyList<CountbackMonth> Months, bool HistoryExhausted);

public sealed record DsoStandard(decimal? Value, decimal EndingAr, decimal CreditSales, int PeriodDays);

public sealed record BestPossibleDso(decimal? Value, decimal EndingCurrentAr, decimal CreditSales, int PeriodDays);

public sealed record AverageDaysDelinquent(decimal? Value, decimal? DsoStandard, decimal? BestPossibleDso);

/// <summary>CEI in percent under one convention: <see cref="Months"/> is 1 for the whole-period form.</summary>
public sealed record Cei(decimal? Value, string Convention, decimal BeginningAr, decimal CreditSales, decimal Months, decimal SalesUsed, decimal EndingAr,
    decimal EndingCurrentAr);

public sealed record BadDebtRatio(decimal? Value, decimal WrittenOff, decimal CreditSales);

public sealed record PromiseKeptRate(
    decimal? ByCount, decimal? ByAmount, int FellDue, decimal FellDueAmount, int Kept, decimal KeptAmount, int KeptLate, decimal KeptLateAmount, int Broken,
    decimal BrokenAmount, int Undecided, decimal UndecidedAmount);

public sealed record DisputeFigures(int Raised, decimal RaisedAmount, int Resolved, int Open, decimal OpenAmount, decimal? AverageOpenAgeDays, int PastSla);
