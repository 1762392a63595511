using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Time;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Approvals;

public sealed record NonCashApprovalResponse(
    Guid Id, string Kind, Guid CustomerId, Guid? InvoiceId, string Reference, decimal Amount, string ApprovedBy, string? ApprovedByName, string Authority,
    string Right, Guid? DisputeId, string? Reason, DateTimeOffset ApprovedAt);

public static class NonCashApprovalEndpoints
{
    public static readonly IReadOnlyList<string> Kinds = [LedgerKinds.CreditNote, LedgerKinds.WriteOff, LedgerKinds.Cancellation];

    public static void MapNonCashApprovalEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/invoices/non-cash-approvals", ListAsync).WithTags("Invoices").RequireTenantScope(Scopes.InvoicesRead).WithName("ListNonCashApprovals")
            .WithSummary("Every reduction of what customers owe without cash (credit notes, write-offs, cancellations): who approved it, with which authority and right, when. Newest first.")
            .ProducesValidationProblem();

    /// <summary>from is a day in India (YYYY-MM-DD), included.</summary>
    private static async Task<IResult> ListAsync(InvoicesDbContext db, TimeProvider clock, string? kind, string? from, Guid? customerId, int? page, int? pageSize)
    {
        var validation = new Validation().When(kind is not null && !Kinds.Contains(kind), "kind", $"must be one of {string.Join(", ", Kinds)}.");
        var fromDate = validation.QueryDate("from", from);
        validation.BusinessDate("from", fromDate, BusinessDate.Latest(BusinessDate.Today(clock)), $"must be at most {BusinessDate.MaxYearsAhead} years ahead.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var approvals = db.NonCashApprovals.AsNoTracking();
        approvals = kind is null ? approvals : approvals.Where(a => a.Kind == kind);
        approvals = customerId is null ? approvals : approvals.Where(a => a.CustomerId == customerId);
        if (fromDate is { } first)
        {
            var start = India.StartOf(first);
            approvals = approvals.Where(a => a.ApprovedAt >= start);
        }

        return TypedResults.Ok(await QueryPages.PageAsync(approvals.OrderByDescending(a => a.ApprovedAt).ThenByDescending(a => a.Id), page, pageSize,
            a => new NonCashApprovalResponse(a.Id, a.Kind, a.CustomerId, a.InvoiceId, a.Reference, a.Amount, a.ApprovedBy, a.ApprovedByName, a.Authority, a.Right,
                a.DisputeId, a.Reason, a.ApprovedAt)));
    }
}
