using System.ComponentModel.DataAnnotations;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Invoices.Invoices;

public sealed record InvoiceBatchRequest([property: MaxLength(5000)] List<IssueInvoiceRequest?>? Invoices);

public static class InvoiceBatchEndpoints
{
    public static void MapInvoiceBatchEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/invoices/batch", IssueBatchAsync).WithTags("Invoices").RequireTenantScope(Scopes.InvoicesWrite)
            .WithName("IssueInvoiceBatch")
            .WithSummary($"Issues up to {InvoiceBatchWriter.MaxBatchSize} invoices, idempotent by number; answers per row: created, duplicate or rejected with reasons.")
            .Produces<InvoiceBatchResponse>().ProducesValidationProblem();

    private static async Task<IResult> IssueBatchAsync(InvoiceBatchRequest request, InvoiceBatchWriter writer)
    {
        if (request.Invoices is not { Count: > 0 } invoices)
        {
            return new Validation().Add("invoices", "is required: a list of 1 to 5000 invoices.").Problem();
        }

        if (invoices.Count > InvoiceBatchWriter.MaxBatchSize)
        {
            return new Validation().Add("invoices", $"has {invoices.Count} invoices; at most {InvoiceBatchWriter.MaxBatchSize} per batch: split the file.").Problem();
        }

        return TypedResults.Ok(await writer.WriteAsync(invoices));
    }
}
