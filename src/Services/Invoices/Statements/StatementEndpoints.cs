using System.Globalization;
using System.Text;
using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Statements;

public static class StatementEndpoints
{
    public static void MapStatementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/statements/{customerId:guid}/monthly/{month}", GetMonthlyAsync).WithTags("Statements").RequireTenantScope(Scopes.InvoicesRead)
            .WithName("GetMonthlyStatement")
            .WithSummary("The statement the monthly job produced for a customer and month (yyyy-MM), as it was issued.");
        app.MapGet("/api/v1/statements/{customerId:guid}", GetAsync).WithTags("Statements").RequireTenantScope(Scopes.InvoicesRead)
            .WithName("GetStatement")
            .WithSummary("A customer's statement for a period (default: this month to date): balance forward, every invoice, note, payment, " +
                         "discount, TDS and reversal with a running balance, closing balance and aging. format=json (default), csv or html " +
                         "(or by the Accept header).")
            .Produces<Statement>().Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetMonthlyAsync(Guid customerId, string month, InvoicesDbContext db)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return new Validation().Add("month", "must be a month as yyyy-MM, e.g. 2026-10.").Problem();
        }

        var body = await db.MonthlyStatements.AsNoTracking().Where(s => s.CustomerId == customerId && s.Month == first).Select(s => s.Body).SingleOrDefaultAsync();
        return body is null ? TypedResults.NotFound() : TypedResults.Content(body, "application/json");
    }

    private static async Task<IResult> GetAsync(Guid customerId, DateOnly? from, DateOnly? to, string? format, HttpRequest http, InvoicesDbContext db, TimeProvider clock)
    {
        var end = to ?? BusinessDate.Today(clock);
        var start = from ?? new DateOnly(end.Year, end.Month, 1);
        format ??= http.Headers.Accept.ToString() switch
        {
            var a when a.Contains("text/csv", StringComparison.OrdinalIgnoreCase) => "csv",
            var a when a.Contains("text/html", StringComparison.OrdinalIgnoreCase) => "html",
            _ => "json",
        };
        var validation = new Validation()
            .When(start > end, "from", "must be on or before to.")
            .When(end.DayNumber - start.DayNumber > 3660, "from", "the period must be at most ten years.")
            .When(format is not ("json" or "csv" or "html"), "format", "must be json, csv or html.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId);
        var hasLedger = customer is not null || await db.Ledger.AnyAsync(l => l.CustomerId == customerId);
        if (!hasLedger)
        {
            return TypedResults.NotFound();
        }

        var statement = StatementBuilder.Build(customerId, customer?.Code, start, end, await StatementQueries.EntriesAsync(db, customerId, end),
            await AgingBoundsModel.LoadAsync(db, http.HttpContext.RequestAborted));
        return format switch
        {
            "csv" => TypedResults.File(Encoding.UTF8.GetBytes(StatementFormats.ToCsv(statement)), "text/csv; charset=utf-8", FileName(statement, "csv")),
            "html" => TypedResults.Content(StatementFormats.ToHtml(statement), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(statement),
        };
    }

    private static string FileName(Statement s, string extension) =>
        $"statement-{s.CustomerCode ?? s.CustomerId.ToString()}-{s.From:yyyyMMdd}-{s.To:yyyyMMdd}.{extension}";
}
