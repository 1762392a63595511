using System.Threading.Channels;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Dunning;

public sealed record RunRequest(DateOnly? AsOf);

public sealed record RunResponse(
    Guid Id, DateOnly AsOf, string Trigger, string Status, int AccountsSeen, IReadOnlyDictionary<string, int> ActionsByKind, int Actions, int Skipped,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, string? Error)
{
    public static RunResponse Of(DunningRun r) => new(r.Id, r.AsOf, r.Trigger, r.Status, r.AccountsSeen, r.ActionsByKind, r.ActionsByKind.Values.Sum(), r.Skipped,
        r.StartedAt, r.FinishedAt, r.FinishedAt is { } f ? Math.Round((f - r.StartedAt).TotalSeconds, 3) : null, r.Error);
}

public sealed record PreviewResponse(DateOnly AsOf, int AccountsSeen, int AccountsActing, IReadOnlyList<AccountDecision> Decisions);

/// <summary>Runs asked for through the API, one after another in the background; the caller follows the run's record.</summary>
public sealed class ManualRuns(DunningRunner runner, ILogger<ManualRuns> logger) : BackgroundService
{
    private readonly Channel<(Guid Tenant, Guid Run)> _queue = Channel.CreateUnbounded<(Guid, Guid)>();

    public void Enqueue(Guid tenant, Guid run) => _queue.Writer.TryWrite((tenant, run));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (tenant, run) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.RunAsync(tenant, run, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Dunning run {Run} failed", run);
            }
        }
    }
}

public static class DunningEndpoints
{
    public const int PreviewLimit = 500;

    public static void MapDunningEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/dunning").WithTags("Dunning");
        group.MapPost("/runs", StartAsync).RequireTenantScope(Scopes.CollectionsWrite).WithName("StartDunningRun").ProducesValidationProblem().WithRequestExample(new { asOf = "2026-12-03" })
            .WithSummary("Runs dunning for a date (default today; at most today): 202 with the run to follow. Idempotent: a second run for the date takes no action twice.")
            .WithDescription(DunningRulesText);
        group.MapGet("/runs/{id:guid}", async Task<IResult> (Guid id, CollectionsDbContext db, CancellationToken ct) =>
                await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } r ? TypedResults.Ok(RunResponse.Of(r)) : TypedResults.NotFound())
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetDunningRun").WithSummary("A run: status, accounts seen, actions by kind, skipped steps, duration.");
        group.MapGet("/preview", PreviewAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("PreviewDunning")
            .WithSummary($"What a run for the date would do, doing nothing: the accounts that would act (up to {PreviewLimit}), each step and the steps it would pass over.")
            .WithDescription(DunningRulesText);
    }

    public const string DunningRulesText = """
        The dunning rules (ADR 0019). Each open item has a position: the last step taken for it. It is dunnable when its
        open amount is above zero, it is not wholly disputed (a partly disputed item is dunned for the undisputed rest), no
        open promise covers it, and the account is not paused. A run for date D: each item's due step is the last step with
        dayOffset <= D - dueDate. If any dunnable item's due step is past its position, the account takes one action, the
        highest such step, one communication listing every such item with amounts and days overdue, and those items move
        to that step. Steps passed over (during a dispute, a promise, a pause, a missed run) are recorded as skipped with
        the reason, never sent in a burst. A partial payment or a credit note never moves an item back; a reversed payment
        reopens an item at the position it had; a new invoice starts at the beginning; an account under the strategy's
        minimum overdue amount takes no step. One action per account, step and date, unique in the database and written
        with its message and event: a second run, a retry or another replica takes no action twice. The daily job runs
        every business date in order; dates caught up (the service was down, the clock jumped) do everything but dunning,
        so a catch-up gives an account at most one action, its latest due step, the others recorded as skipped (missed run).
        """;

    private static async Task<IResult> StartAsync(RunRequest? request, DunningRunner runner, ManualRuns runs, ITenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        var today = BusinessDate.Today(clock);
        var validation = new Validation().BusinessDate("asOf", request?.AsOf, today, $"must be at most today ({today:yyyy-MM-dd}): dunning does not run ahead.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var run = await runner.StartAsync(tenant.RequiredTenantId, request?.AsOf ?? today, RunTriggers.Manual, ct);
        runs.Enqueue(tenant.RequiredTenantId, run.Id);
        return TypedResults.Accepted($"/api/v1/collections/dunning/runs/{run.Id}", RunResponse.Of(run));
    }

    private static async Task<IResult> PreviewAsync(string? asOf, DunningRunner runner, ITenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        var (accounts, acting, decisions) = await runner.PreviewAsync(tenant.RequiredTenantId, date, PreviewLimit, ct);
        return TypedResults.Ok(new PreviewResponse(date, accounts, acting, decisions));
    }
}
