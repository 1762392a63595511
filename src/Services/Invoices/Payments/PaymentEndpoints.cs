using System.ComponentModel.DataAnnotations;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArPlatform.Invoices.Payments;

public sealed record TdsRequest(decimal? Amount, [property: MaxLength(20)] string? Section);

public sealed record RecordPaymentRequest(
    Guid? CustomerId, [property: MaxLength(50)] string? CustomerCode, decimal? Amount, DateOnly? ReceivedOn, [property: MaxLength(6)] string? Mode, [property: MaxLength(100)] string? Reference,
    [property: MaxLength(100)] string? Bank, [property: MaxLength(4000)] string? Remittance, TdsRequest? Tds, [property: MaxLength(1000)] List<RequestedAllocation?>? Allocations);

public sealed record ReversePaymentRequest([property: MaxLength(500)] string? Reason, DateOnly? ReversedOn);

public sealed record ApplyUnappliedRequest([property: MaxLength(1000)] List<RequestedAllocation?>? Allocations);

public sealed record ReopenedInvoice(Guid InvoiceId, decimal Amount);

public sealed record PaymentReversal(Guid Id, DateOnly ReversedOn, string Reason, IReadOnlyList<ReopenedInvoice> Reopened);

public sealed record AllocationResponse(Guid InvoiceId, string InvoiceNumber, decimal Cash, decimal Tds, decimal Discount);

public sealed record PaymentResponse(
    Guid Id, Guid CustomerId, decimal Amount, decimal TdsAmount, string? TdsSection, DateOnly ReceivedOn, string Mode, string Reference,
    decimal UnappliedAmount, IReadOnlyList<AllocationResponse> Allocations, DateOnly? ReversedOn = null, string? ReversalReason = null);

public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/v1/payments").WithTags("Payments");
        payments.MapPost("/", RecordAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("RecordPayment")
            .WithSummary("Records a payment and applies it: explicit allocations as given, else invoices named in the remittance, then the oldest due.")
            .Produces<PaymentResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        payments.MapPost("/{id:guid}/apply", ApplyAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("ApplyUnappliedCash")
            .WithSummary("Applies what a payment left on account to open invoices: allocations as given, else remittance references, then oldest due.")
            .Produces<PaymentResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        payments.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.InvoicesRead).WithName("GetPayment");
        payments.MapPost("/{id:guid}/reverse", ReverseAsync).RequireTenantScope(Scopes.InvoicesWrite).WithName("ReversePayment")
            .WithSummary("Reverses a payment (e.g. a bounced cheque): what it settled is open again from the reversal date.")
            .Produces<PaymentReversal>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> RecordAsync(RecordPaymentRequest request, PaymentService payments, CancellationToken cancellationToken) =>
        (await payments.RecordAsync(request, cancellationToken)).ToResult(p => TypedResults.Created($"/api/v1/payments/{p.Id}", p));

    private static async Task<IResult> ApplyAsync(Guid id, ApplyUnappliedRequest? request, PaymentService payments, CancellationToken cancellationToken) =>
        (await payments.ApplyAsync(id, request, cancellationToken)).ToResult(r => TypedResults.Ok(r));

    private static async Task<IResult> ReverseAsync(Guid id, ReversePaymentRequest request, PaymentService payments, CancellationToken cancellationToken) =>
        (await payments.ReverseAsync(id, request, cancellationToken)).ToResult(r => TypedResults.Ok(r));

    private static async Task<Results<Ok<PaymentResponse>, NotFound>> GetAsync(Guid id, PaymentService payments, CancellationToken cancellationToken) =>
        await payments.GetAsync(id, cancellationToken) is { } payment ? TypedResults.Ok(payment) : TypedResults.NotFound();
}
