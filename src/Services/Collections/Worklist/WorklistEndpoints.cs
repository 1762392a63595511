using System.Globalization;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

public sealed record WorklistItem(Guid InvoiceId, string Number, Guid CustomerId, DateOnly DueDate, int DaysOverdue, decimal Amount);

public static class WorklistEndpoints
{
    private static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    public static void MapWorklistEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/worklist", GetAsync).WithTags("Collections").RequireTenantScope(Scopes.CollectionsRead)
            .WithName("GetWorklist").WithSummary("Overdue invoices to chase, most overdue first, as of a date (default: today in India).");

    private static async Task<IResult> GetAsync(CollectionsDbContext db, TimeProvider clock, string? asOf, int? page, int? pageSize)
    {
        DateOnly date;
        if (asOf is null)
        {
            date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), India).DateTime);
        }
        else if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return new Validation().Add("asOf", "must be a date in the form YYYY-MM-DD.").Problem();
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
