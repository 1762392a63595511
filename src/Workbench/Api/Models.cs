namespace ArPlatform.Workbench.Api;

// What the workbench reads of the platform's API (the shapes the OpenAPI documents give).
public sealed record Paged<T>(List<T> Items, int Page, int PageSize, int Total, bool TotalIsLowerBound = false);

public sealed record MyTenant(Guid Id, string? Name);

public sealed record ScoreReason(string Factor, string Detail, int Points);

public sealed record WorklistRow(
    Guid CustomerId, string Code, string Name, string? Collector, string? RiskRating, decimal Open, decimal Overdue, int DaysOverdue, string? StepReached,
    string? StepDue, int Score, List<ScoreReason> Reasons);

public sealed record MyWorklistRow(Guid TenantId, string? TenantName, int OpenPromises, int OpenDisputes, WorklistRow Account);

public sealed record OpenItem(
    Guid InvoiceId, string InvoiceNumber, DateOnly? InvoiceDate, DateOnly DueDate, decimal Amount, decimal OpenAmount, int DaysOverdue, decimal DisputedAmount,
    bool CoveredByPromise, string? DunningStep, DateOnly? DunningStepDate);

public sealed record AgingBucket(string Bucket, decimal Amount);

public sealed record AccountTotals(decimal Open, decimal Overdue, decimal Disputed, List<AgingBucket> Aging);

public sealed record NextStep(string Code, string Name, string Action, int DayOffset, DateOnly Date, List<string> InvoiceNumbers);

public sealed record Pause(DateOnly? From, DateOnly Until, string? Reason);

public sealed record Promise(
    Guid Id, Guid CustomerId, decimal Amount, DateOnly PromisedDate, DateOnly MadeOn, List<string> InvoiceNumbers, int GraceDays, string Status, decimal Collected,
    DateOnly? ResolvedOn, string? MadeBy, DateTimeOffset CreatedAt);

public sealed record AccountView(
    Guid CustomerId, string Code, string Name, string? CustomerType, string? Collector, string? Portfolio, string? RiskRating, bool OnHold, string? HoldReason,
    Pause? Pause, DateOnly? AgencyReferredOn, DateOnly AsOf, List<OpenItem> OpenItems, AccountTotals Totals, string Strategy, string StrategyName,
    string? StepReached, NextStep? NextStep, List<Promise> OpenPromises, int BrokenPromises);

public sealed record Activity(
    Guid Id, Guid CustomerId, string Type, Guid? ContactId, string? Disposition, string? Notes, string? LoggedBy, DateTimeOffset OccurredAt, Guid? PromiseId, Guid? DisputeId,
    Guid? NextActionTaskId);

public sealed record Dispute(
    Guid Id, Guid CustomerId, string InvoiceNumber, decimal Amount, string Reason, string? Notes, string Status, string? RoutedTo, DateTimeOffset RaisedAt,
    DateTimeOffset? SlaDueAt, bool PastSla, string? Outcome, DateTimeOffset? ResolvedAt);

public sealed record MessageSummary(
    Guid Id, Guid CustomerId, string Channel, string TemplateCode, string? ToName, string? ToAddress, string? ContactLevel, string Subject, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, bool HasPdf);

public sealed record DunningAction(
    Guid Id, DateOnly BusinessDate, string Step, string StepName, string Action, string Kind, string? SkipReason, decimal Amount, string? Outcome, DateTimeOffset CreatedAt);

public sealed record CollectionTask(
    Guid Id, Guid CustomerId, string Kind, string Title, string? ActivityType, DateOnly DueDate, string? Assignee, string Status, DateTimeOffset CreatedAt);

public sealed record Contact(Guid Id, string Name, string? Role, string EscalationLevel, string? Phone, string? Email, string PreferredChannel);

public sealed record StrategyStep(string Code, string Name, int DayOffset, string Action, string? Template, string? ContactLevel);

/// <summary>Which accounts a strategy applies to: each list left empty matches every account.</summary>
public sealed record StrategyScope(List<string>? RiskRatings, List<string>? CustomerTypes, List<string>? Portfolios, decimal? MinOverdueAmount);

/// <summary>A dunning strategy; the built-in default has <see cref="int.MinValue"/> as its priority (it applies last).</summary>
public sealed record Strategy(string Code, string Name, int Priority, List<StrategyStep> Steps, bool IsDefault, StrategyScope? AppliesTo = null);

public sealed record Template(string Code, string Channel, string Subject, bool IsDefault);

public sealed record TemplatePreview(string Code, string Channel, Guid CustomerId, string Subject, string Body, string Text);

/// <summary>A row of Collections' account list (most overdue first).</summary>
public sealed record AccountSummary(
    Guid CustomerId, string Code, string Name, string? Collector, decimal Open, decimal Overdue, decimal Disputed, int DaysOverdue, string? StepReached, bool PromiseOpen,
    int BrokenPromises);

/// <summary>A customer as Customers' search finds it.</summary>
public sealed record CustomerMatch(Guid Id, string Code, string Name, string? TradeName, string? Gstin, string? Region, string? AssignedCollector);

public sealed record CollectorLoad(string? Collector, int Accounts, decimal Overdue, int Urgent, int TasksDue);

public sealed record ReassignRequest(List<Guid>? CustomerIds, string? FromCollector, string? ToCollector);

public sealed record ReassignResult(int Reassigned);

public sealed record PromiseFigures(int Open, decimal OpenAmount, int DueToday, int BrokenThisMonth, int KeptThisMonth);

public sealed record DisputeFigures(int Open, decimal OpenAmount, int PastSla);

public sealed record CollectionsSummary(DateOnly AsOf, decimal CollectedThisMonth, PromiseFigures Promises, DisputeFigures Disputes);

public sealed record BucketAmount(string Label, decimal Amount);

public sealed record AgingReport(DateOnly AsOf, decimal Total, List<BucketAmount> Buckets);

/// <summary>The one request "Log a call" sends.</summary>
public sealed record ActivityRequest(string Type, string? Disposition, string? Notes, PromiseRequest? Promise, DisputeRequest? Dispute, NextActionRequest? NextAction);

public sealed record PromiseRequest(decimal? Amount, DateOnly? PromisedDate);

public sealed record DisputeRequest(string? InvoiceNumber, decimal? Amount, string? Reason, string? Notes);

public sealed record NextActionRequest(DateOnly Date, string Type);

public sealed record StatementLine(DateOnly Date, string Type, string Reference, string? InvoiceNumber, decimal Debit, decimal Credit, decimal Balance);

public sealed record Statement(Guid CustomerId, List<StatementLine> Lines);

public sealed record MyTask(Guid Id, Guid TenantId, string? TenantName, Guid CustomerId, string? CustomerCode, string? CustomerName, string Kind, string Title, DateOnly DueDate);

/// <summary>A figure of Reporting's KPIs: its value (null when its formula has no denominator).</summary>
public sealed record KpiValue(decimal? Value);

/// <summary>CEI in percent with the inputs of its formula (<see cref="SalesUsed"/>: a month's credit sales under the monthly-average convention).</summary>
public sealed record CeiFigure(decimal? Value, decimal BeginningAr, decimal SalesUsed, decimal EndingAr, decimal EndingCurrentAr);

public sealed record KpiFigures(decimal EndingAr, decimal CashCollected, KpiValue DsoCountback, KpiValue DsoStandard, KpiValue BestPossibleDso, CeiFigure Cei);

public sealed record KpiTrendPoint(DateOnly AsOf, KpiFigures Figures);

public sealed record KpiTrend(List<KpiTrendPoint> Points);

public sealed record PlanVsActualRow(string Key, string? Code, string? Name, Guid? ParentId, decimal Planned, decimal Collected, decimal? AchievementPercent,
    decimal Shortfall);

public sealed record PlanVsActual(string Month, string GroupBy, decimal Planned, decimal Collected, decimal? AchievementPercent, List<PlanVsActualRow> Rows);

public sealed record ExpectedWeek(int Week, DateOnly From, DateOnly To, decimal Expected);

public sealed record ExpectedLine(decimal Amount, int Items);

public sealed record ExpectedGroup(List<ExpectedWeek> Weeks, ExpectedLine Later, ExpectedLine OverdueWithoutPromise, ExpectedLine Disputed, decimal Total);

public sealed record ExpectedCollectionsReport(DateOnly AsOf, List<ExpectedGroup> Groups);

public sealed record ReportSchedule(string Frequency, int Day, List<string> Recipients, DateOnly NextRunOn);

public sealed record PeriodicReportSummary(
    Guid Id, string Trigger, string Frequency, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset GeneratedAt, List<string> Recipients, DateTimeOffset? EmailedAt,
    string? MailError, int XlsxBytes, int PdfBytes);

public sealed record PeriodicReportList(int Total, List<PeriodicReportSummary> Reports);

public sealed record ConfigChange(Guid Id, string Entity, string? Key, string ChangedBy, string? ChangedByName, string Authority, DateTimeOffset ChangedAt);
