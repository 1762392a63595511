using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Documents.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Documents.Pending;

public sealed record PendingInvoice(Guid InvoiceId, string Number, Guid CustomerId, DateOnly InvoiceDate);

public static class PendingEndpoints
{
    public static void MapPendingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/documents/pending", GetAsync).WithTags("Documents").RequireTenantScope(Scopes.DocumentsRead)
            .WithName("GetPendingDocuments").WithSummary("Invoices whose documents are not complete yet, oldest first.");

    private static async Task<IResult> GetAsync(DocumentsDbContext db, int? page, int? pageSize)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await QueryPages.PageAsync(
            db.Invoices.AsNoTracking().Where(i => !i.Complete).OrderBy(i => i.InvoiceDate).ThenBy(i => i.Number), page, pageSize,
            i => new PendingInvoice(i.InvoiceId, i.Number, i.CustomerId, i.InvoiceDate)));
    }
}
