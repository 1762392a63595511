using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Activities;

public static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/tasks", ListAsync).WithTags("Accounts").RequireTenantScope(Scopes.CollectionsRead).WithName("ListTasks")
            .WithSummary("Open tasks (calls and visits from dunning, next actions, contacts and SPOCs to find, disputes to route or raise), by assignee, due by a date, earliest first.");

    private static async Task<IResult> ListAsync(CollectionsDbContext db, string? assignee, string? due, Guid? customerId, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var validation = new Validation().When(status is not (null or TaskStatuses.Open or TaskStatuses.Done), "status", "must be open or done.");
        DateOnly? dueBy = null;
        if (due is not null)
        {
            if (DateOnly.TryParseExact(due, "yyyy-MM-dd", out var parsed))
            {
                dueBy = parsed;
            }
            else
            {
                validation.Add("due", "must be a date in the form YYYY-MM-DD (tasks due by then).");
            }
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var tasks = db.Tasks.AsNoTracking().Where(t => t.Status == (status ?? TaskStatuses.Open));
        tasks = assignee is null ? tasks : tasks.Where(t => t.Assignee == assignee);
        tasks = dueBy is null ? tasks : tasks.Where(t => t.DueDate <= dueBy);
        tasks = customerId is null ? tasks : tasks.Where(t => t.CustomerId == customerId);
        return TypedResults.Ok(await QueryPages.PageAsync(tasks.OrderBy(t => t.DueDate).ThenBy(t => t.CreatedAt), page, pageSize, t => TaskResponse.Of(t)));
    }
}
