using System.Text.Json;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.BuildingBlocks.Imports;

public sealed record ImportJobResponse(
    Guid Id, string Kind, string Status, string? FileName, int TotalRows, int RowsDone, double PercentDone, int Created, int Duplicates, int Rejected,
    IReadOnlyList<ImportRowError> Errors, int ErrorCount, string? Failure, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public static class ImportEndpoints
{
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The longest file name kept with a job (the column holds 300).</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>POST /api/v1/{kind}/imports (the CSV file as the body) and GET /api/v1/{kind}/imports/{id} (progress and errors).</summary>
    public static void MapImportEndpoints<TContext>(this IEndpointRouteBuilder app, string kind, string readScope, string writeScope)
        where TContext : TenantDbContext
    {
        // The context is resolved by hand: the route handler analyzer fails on a generic parameter type.
        static TenantDbContext Db(HttpContext http) => http.RequestServices.GetRequiredService<TContext>();
        var group = app.MapGroup($"/api/v1/{kind}/imports").WithTags("Imports");
        var name = $"{char.ToUpperInvariant(kind[0])}{kind[1..]}";
        group.MapPost("/", (Func<HttpContext, Task<IResult>>)(http => UploadAsync(kind, http.Request, Db(http), http.RequestServices.GetRequiredService<ImportSignal>(),
                http.RequestServices.GetRequiredService<TimeProvider>())))
            .RequireTenantScope(writeScope).WithName($"Import{name}")
            .WithSummary($"Uploads a CSV of {kind} (body: text/csv, up to 2 GB) and imports it in the background; answers 202 with the job to poll.")
            .WithDescription("The file is UTF-8 text, its first line the header naming the columns (any order and case); each row is one line " +
                             $"of at most {CsvUpload.MaxLineBytes / 1024 / 1024} MB with a field for each column. A file that is not UTF-8 text, holds NUL bytes or whose " +
                             "header names unknown columns, or lacks a required one, is refused with 400 (body). A row with broken quoting or another " +
                             "number of fields is reported by its line number and the others are imported. The file's name may be given in the " +
                             $"X-File-Name header or the fileName query parameter: at most {MaxFileNameLength} characters, no control characters.")
            .Produces<ImportJobResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/{id:guid}", (Guid id, HttpContext http) => GetAsync(kind, id, Db(http)))
            .RequireTenantScope(readScope).WithName($"Get{name}Import");
    }

    private static async Task<Results<Ok<ImportJobResponse>, NotFound>> GetAsync(string kind, Guid id, TenantDbContext db) =>
        await db.Set<ImportJob>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.Kind == kind) is { } job
            ? TypedResults.Ok(ToResponse(job))
            : TypedResults.NotFound();

    private static async Task<IResult> UploadAsync(string kind, HttpRequest request, TenantDbContext db, ImportSignal signal, TimeProvider clock)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv.",
                detail: "The body must be the CSV file itself with Content-Type: text/csv, header first (e.g. curl -H 'Content-Type: text/csv' --data-binary @file.csv).");
        }

        var fileName = request.Headers["X-File-Name"].FirstOrDefault() ?? request.Query["fileName"].FirstOrDefault();
        var validation = new Validation()
            .When(fileName is { Length: > MaxFileNameLength }, "fileName", $"must be at most {MaxFileNameLength} characters (X-File-Name header or fileName query parameter).")
            .When(fileName?.Any(char.IsControl) == true, "fileName", "must not contain control characters.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFileBytes;
        }

        var columns = request.HttpContext.RequestServices.GetServices<IImportHandler>().Single(h => h.Kind == kind).Columns;
        var queued = await ImportUploads.QueueAsync(db, kind, columns, request.Body, fileName, clock, request.HttpContext.RequestAborted);
        if (queued.Succeeded)
        {
            signal.Notify();
        }

        return queued.ToResult(job => TypedResults.Accepted($"/api/v1/{kind}/imports/{job.Id}", ToResponse(job)));
    }

    public static ImportJobResponse ToResponse(ImportJob j)
    {
        var errors = JsonSerializer.Deserialize<List<ImportRowError>>(j.Errors, JsonSerializerOptions.Web) ?? [];
        return new ImportJobResponse(j.Id, j.Kind, j.Status, j.FileName, j.TotalRows, j.RowsDone,
            j.TotalRows == 0 ? (j.Status == ImportStatuses.Completed ? 100 : 0) : Math.Round(100.0 * j.RowsDone / j.TotalRows, 1),
            j.Created, j.Duplicates, j.Rejected, errors, j.Rejected, j.Failure, j.CreatedAt, j.StartedAt, j.FinishedAt);
    }
}
