using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

public sealed record WorklistItem(Guid InvoiceId, string Number, Guid CustomerId, DateOnly DueDate, int DaysOverdue, decimal Amount);

public static class WorklistEndpoints
{
    public static void MapWorklistEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/worklist", GetAsync).WithTags("Collections").RequireTenantScope(Scopes.CollectionsRead)
            .WithName("GetWorklist").WithSummary("Overdue invoices to chase, most overdue first, as of a date (default: today in India).");

    private static async Task<IResult> GetAsync(CollectionsDbContext db, TimeProvider clock, string? asOf, int? page, int? pageSize)
    {
        if (!BusinessDate.TryParseAsOf(asOf, clock, out var date, out var invalid))
        {
            return invalid!;
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var dayNumber = date.DayNumber;
        return TypedResults.Ok(await Paging.PageAsync(
            db.Invoices.AsNoTracking().Where(i => i.DueDate < date).OrderBy(i => i.DueDate).ThenBy(i => i.Number), page, pageSize,
            i => new WorklistItem(i.InvoiceId, i.Number, i.CustomerId, i.DueDate, dayNumber - i.DueDate.DayNumber, i.Amount)));
    }
}
