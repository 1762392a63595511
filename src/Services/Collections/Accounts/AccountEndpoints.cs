using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Accounts;

public sealed record PauseRequest(DateOnly? Until, [property: MaxLength(500)] string? Reason);

public sealed record ActionResponse(
    Guid Id, DateOnly BusinessDate, string Strategy, string Step, string StepName, int DayOffset, string Action, string Kind, string? SkipReason, string Trigger,
    Guid? RunId, IReadOnlyList<ActionItem> Items, decimal Amount, string? Outcome, Guid? MessageId, Guid? TaskId, DateTimeOffset CreatedAt)
{
    public static ActionResponse Of(DunningAction a) => new(a.Id, a.BusinessDate, a.StrategyCode, a.StepCode, a.StepName, a.DayOffset, a.Action, a.Kind, a.SkipReason,
        a.Trigger, a.RunId, a.Items, a.Amount, a.Outcome, a.MessageId, a.TaskId, a.CreatedAt);
}

public static class AccountEndpoints
{
    /// <summary>Who logged it, as collectors and assignments name people: a person's collector code, a partner's client id.</summary>
    public static string? Caller(ClaimsPrincipal user) => user.FindFirst(PlatformAuth.CollectorClaim)?.Value ?? user.Caller();

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/collections/accounts").WithTags("Accounts");
        accounts.MapGet("/{customerId:guid}", GetAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("GetCollectionAccount")
            .WithSummary("The account as of a date (default today in India): open items with days overdue, totals and aging, the strategy, the step reached and the next, open promises, last activity, next action.");
        accounts.MapGet("/", ListAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("ListCollectionAccounts")
            .WithSummary("Accounts with something open, most overdue first; filter by collector, portfolio, step reached, minimum overdue, disputed, promise (open or broken).");
        accounts.MapGet("/{customerId:guid}/actions", ActionsAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("ListDunningActions")
            .WithSummary("Every dunning step the account took or passed over (kind skipped, with the reason), newest first.");
        accounts.MapPut("/{customerId:guid}/pause", PauseAsync).RequireTenantScope(Scopes.CollectionsWrite).WithName("PauseDunning").ProducesValidationProblem()
            .WithRequestExample(new { until = "2026-12-20", reason = "Client asked: customer's plant shut for audit" })
            .WithSummary("\"Do not dun\" until the end of a date, with the reason; steps that fall due meanwhile are recorded as skipped when dunning resumes.");
        accounts.MapDelete("/{customerId:guid}/pause", ResumeAsync).RequireTenantScope(Scopes.CollectionsWrite).WithName("ResumeDunning");
        accounts.MapPost("/{customerId:guid}/activities", LogAsync).RequireTenantScope(Scopes.CollectionsWrite).WithName("LogActivity").ProducesValidationProblem().WithRequestExample(new
        {
            type = "call",
            contactId = "01a2f5c0-7d3e-7c41-9b1a-3f6a2f0c9d11",
            disposition = "promised",
            notes = "Spoke to Ravi (AP): INV-0001 on Friday; says INV-0002 was billed at the old price",
            promise = new { amount = 118000.50m, promisedDate = "2026-12-11", invoiceNumbers = new[] { "INV-0001" } },
            dispute = new { invoiceNumber = "INV-0002", amount = 4500m, reason = "pricing", notes = "old price list" },
            nextAction = new { date = "2026-12-12", type = "call", assignee = "priya@firm.in" },
        })
            .WithSummary("Logs a call, visit, email, letter, SMS or note with what it produced (a promise, a dispute, the next action) in one request, atomically; closes the tasks it answers.");
        accounts.MapGet("/{customerId:guid}/activities", ActivitiesAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("ListActivities")
            .WithSummary("The account's activities, newest first.");
        accounts.MapPost("/{customerId:guid}/promises", PromiseAsync).RequireTenantScope(Scopes.CollectionsWrite).WithName("MakePromise").ProducesValidationProblem()
            .WithRequestExample(new
            {
                amount = 118000.50m,
                promisedDate = "2026-12-31",
                invoiceNumbers = new[] { "INV-0001" },
                instalments = new[] { new { amount = 50000m, date = "2026-12-15" }, new { amount = 68000.50m, date = "2026-12-31" } },
            })
            .WithSummary("Records a promise to pay (or instalments); its invoices are held from dunning while it is open.");
        accounts.MapGet("/{customerId:guid}/promises", PromisesAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("ListPromises");
        accounts.MapPost("/{customerId:guid}/disputes", DisputeAsync).RequireTenantScope(Scopes.CollectionsWrite).WithName("RaiseDispute").ProducesValidationProblem()
            .WithRequestExample(new { invoiceNumber = "INV-0002", amount = 4500m, reason = "quantity", notes = "2 of 40 bags short on delivery" })
            .WithSummary("Raises a dispute on an invoice (all that is open, or an amount): it leaves dunning and is emailed to the client's department for its reason.");
    }

    private static async Task<IResult> GetAsync(Guid customerId, string? asOf, AccountView view, TimeProvider clock, CancellationToken ct) =>
        !BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid) ? invalid!
        : await view.GetAsync(customerId, date, ct) is { } account ? TypedResults.Ok(account) : TypedResults.NotFound();

    private static async Task<IResult> ListAsync(
        AccountList list, TimeProvider clock, string? collector, string? portfolio, string? step, decimal? minOverdue, bool? disputed, string? promise, string? asOf,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        if (promise is not null && !AccountList.PromiseFilters.Contains(promise))
        {
            return new Validation().Add("promise", "must be open or broken.").Problem();
        }

        return TypedResults.Ok(await list.ListAsync(new AccountFilter(collector, portfolio, step, minOverdue, disputed, promise, date), page, pageSize, ct));
    }

    private static async Task<IResult> ActionsAsync(Guid customerId, CollectionsDbContext db, CancellationToken ct) =>
        await db.Accounts.AnyAsync(a => a.CustomerId == customerId, ct)
            ? TypedResults.Ok((await db.Actions.AsNoTracking().Where(a => a.CustomerId == customerId)
                .OrderByDescending(a => a.BusinessDate).ThenByDescending(a => a.Kind == ActionKinds.Taken).ThenByDescending(a => a.DayOffset)
                .Take(500).ToListAsync(ct)).WithItems().Select(ActionResponse.Of))
            : TypedResults.NotFound();

    private static async Task<IResult> PauseAsync(Guid customerId, PauseRequest request, DunningPause pause, CancellationToken ct) =>
        (await pause.PauseAsync(customerId, request.Until, request.Reason, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> ResumeAsync(Guid customerId, DunningPause pause, CancellationToken ct) =>
        await pause.ResumeAsync(customerId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<IResult> LogAsync(Guid customerId, ActivityRequest request, ActivityService activities, ClaimsPrincipal user, CancellationToken ct) =>
        (await activities.LogAsync(customerId, request, Caller(user), ct)).ToResult(a => TypedResults.Created($"/api/v1/collections/accounts/{customerId}/activities", a));

    private static async Task<IResult> ActivitiesAsync(Guid customerId, CollectionsDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        return await db.Accounts.AnyAsync(a => a.CustomerId == customerId, ct)
            ? TypedResults.Ok(await QueryPages.PageAsync(db.Activities.AsNoTracking().Where(a => a.CustomerId == customerId).OrderByDescending(a => a.OccurredAt),
                page, pageSize, a => ActivityResponse.Of(a)))
            : TypedResults.NotFound();
    }

    private static async Task<IResult> PromiseAsync(Guid customerId, PromiseRequest request, PromiseService promises, ClaimsPrincipal user, CancellationToken ct) =>
        (await promises.MakeAsync(customerId, request, Caller(user), ct)).ToResult(p => TypedResults.Created($"/api/v1/collections/accounts/{customerId}/promises", p));

    private static async Task<IResult> PromisesAsync(Guid customerId, PromiseService promises, CancellationToken ct) =>
        await promises.ListAsync(customerId, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<IResult> DisputeAsync(Guid customerId, DisputeRequest request, DisputeService disputes, ClaimsPrincipal user, CancellationToken ct) =>
        (await disputes.RaiseAsync(customerId, request, Caller(user), ct)).ToResult(d => TypedResults.Created($"/api/v1/collections/disputes/{d.Id}", d));
}
