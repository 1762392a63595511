namespace ArPlatform.BuildingBlocks.Jobs;

public sealed record DailyJobFailedTenant(Guid TenantId, string? Error, int Attempts);

/// <summary>One job's runs for one business date, over the tenants.</summary>
public sealed record DailyJobRunSummary(
    string Job, DateOnly BusinessDate, int TenantsDone, int TenantsRunning, IReadOnlyList<DailyJobFailedTenant> TenantsFailed,
    DateTimeOffset Started, DateTimeOffset? Finished);

public sealed record DailyJobRunsResponse(IReadOnlyList<DailyJobRunSummary> Runs);
