using System.Text.Json;
using ArPlatform.Reporting.Exports;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Reporting.Periodic;

public static class PeriodicReportEndpoints
{
    private const int MaxPageSize = 100;

    public static void MapPeriodicReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/reports/schedules", PutScheduleAsync).WithTags("Periodic reports").RequireTenantScope(Scopes.ReportsWrite)
            .WithName("SetReportSchedule")
            .WithSummary("Sets the tenant's client-report schedule: {\"frequency\": \"weekly\", \"day\": 1 (Monday … 7 Sunday), \"recipients\": [\"spoc@client.in\"]} " +
                         "reports on the seven days before each Monday; \"monthly\" with a day of the month (1–28) reports on the month before. The daily " +
                         "job makes the report on that day, keeps it and mails it, as XLSX and PDF, to the recipients.")
            .Accepts<ScheduleRequest>("application/json").Produces<ScheduleResponse>().ProducesValidationProblem();
        app.MapGet("/api/v1/reports/schedules", GetScheduleAsync).WithTags("Periodic reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetReportSchedule").Produces<ScheduleResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapDelete("/api/v1/reports/schedules", DeleteScheduleAsync).WithTags("Periodic reports").RequireTenantScope(Scopes.ReportsWrite)
            .WithName("DeleteReportSchedule").WithSummary("Stops the scheduled reports; those kept stay listed.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/reports/periodic", ListAsync).WithTags("Periodic reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("ListPeriodicReports").WithSummary("The client reports kept, newest first (page, pageSize up to 100), each with where it was mailed and links to its files.")
            .Produces<PeriodicReportList>().ProducesValidationProblem();
        app.MapGet("/api/v1/reports/periodic/{id:guid}", GetAsync).WithTags("Periodic reports").RequireTenantScope(Scopes.ReportsRead)
            .WithName("GetPeriodicReport").WithSummary("A kept client report: as JSON (what it covers, where it went), or its file with format=xlsx|pdf.")
            .Produces<PeriodicReportSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/v1/reports/periodic/runs", RunAsync).WithTags("Periodic reports").RequireTenantScope(Scopes.ReportsWrite)
            .WithName("RunPeriodicReport")
            .WithSummary("Makes a client report now: of from–to (days that are over, at most 366), or by default of the schedule's last period (else the " +
                         "last calendar month); mailed to recipients (default the schedule's) unless \"email\": false. Answers with the kept report.")
            .Accepts<PeriodicRunRequest>("application/json").Produces<PeriodicReportSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
    }

    private static async Task<IResult> PutScheduleAsync(HttpRequest request, PeriodicReports reports, CancellationToken cancellationToken)
    {
        var (body, refused) = await ReadAsync<ScheduleRequest>(request, "must be JSON {\"frequency\": \"weekly|monthly\", \"day\": n, \"recipients\": [\"...\"]}.",
            cancellationToken);
        if (body is null)
        {
            return refused.Problem();
        }

        var (schedule, validation) = await reports.SetScheduleAsync(body, cancellationToken);
        return schedule is null ? validation.Problem() : TypedResults.Ok(schedule);
    }

    private static async Task<IResult> GetScheduleAsync(PeriodicReports reports, CancellationToken cancellationToken) =>
        await reports.GetScheduleAsync(cancellationToken) is { } schedule ? TypedResults.Ok(schedule) : NoSchedule();

    private static async Task<IResult> DeleteScheduleAsync(PeriodicReports reports, CancellationToken cancellationToken) =>
        await reports.DeleteScheduleAsync(cancellationToken) ? TypedResults.NoContent() : NoSchedule();

    private static IResult NoSchedule() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No report schedule",
        detail: "This tenant has no client-report schedule: set one with PUT /api/v1/reports/schedules.");

    private static async Task<IResult> ListAsync(int? page, int? pageSize, PeriodicReports reports, CancellationToken cancellationToken)
    {
        var validation = new Validation().When(page is < 1 or > 100_000, "page", "must be between 1 and 100000.")
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return validation.IsValid ? TypedResults.Ok(await reports.ListAsync(page ?? 1, pageSize ?? 20, cancellationToken)) : validation.Problem();
    }

    private static async Task<IResult> GetAsync(Guid id, string? format, PeriodicReports reports, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "xlsx" or "pdf"))
        {
            return new Validation().Add("format", "must be one of json, xlsx, pdf.").Problem();
        }

        if (format is null or "json")
        {
            return await reports.GetAsync(id, cancellationToken) is { } summary ? TypedResults.Ok(summary) : NotFound();
        }

        return await reports.FileAsync(id, format, cancellationToken) is { } file
            ? TypedResults.File(file.Content, format == "pdf" ? "application/pdf" : ReportFile.XlsxContentType, file.FileName)
            : NotFound();
    }

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report",
        detail: "This tenant has no kept report with that id: GET /api/v1/reports/periodic lists them.");

    private static async Task<IResult> RunAsync(HttpRequest request, PeriodicReports reports, CancellationToken cancellationToken)
    {
        var (body, refused) = request.ContentLength == 0 || (request.ContentLength is null && !request.HasJsonContentType())
            ? (new PeriodicRunRequest(), new Validation())
            : await ReadAsync<PeriodicRunRequest>(request, "must be JSON {\"from\": \"yyyy-mm-dd\", \"to\": \"yyyy-mm-dd\", \"email\": true, \"recipients\": [...]} or empty.",
                cancellationToken);
        if (body is null)
        {
            return refused.Problem();
        }

        var (report, validation) = await reports.RunOnDemandAsync(body, cancellationToken);
        return report is null ? validation.Problem()
            : TypedResults.Created($"/api/v1/reports/periodic/{report.Id}", PeriodicReports.Summary(report));
    }

    /// <summary>The body, or the problem with it: a value of the wrong type names its field (from the JSON path), anything else the body.</summary>
    private static async Task<(T? Body, Validation Refused)> ReadAsync<T>(HttpRequest request, string rule, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var body = await request.ReadFromJsonAsync<T>(cancellationToken);
            return (body, body is null ? new Validation().Add("body", rule) : new Validation());
        }
        catch (JsonException e) when (e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal))
        {
            var field = path[2..];
            return (null, new Validation().Add(char.ToLowerInvariant(field[0]) + field[1..], "has a value of the wrong type: see the schema."));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, new Validation().Add("body", rule));
        }
    }
}
