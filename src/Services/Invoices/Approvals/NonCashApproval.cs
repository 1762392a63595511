using System.Security.Claims;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Invoices.Approvals;

/// <summary>
/// Who reduced what a customer owes without cash (a credit note, a write-off, a cancellation), with which authority and
/// right, written in the transaction that posts the reduction. Never updated.
/// </summary>
public sealed class NonCashApproval : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The ledger kind of the reduction: credit_note, write_off or cancellation.</summary>
    public required string Kind { get; set; }

    public Guid CustomerId { get; set; }

    public Guid? InvoiceId { get; set; }

    /// <summary>The credit note's number, or the invoice's for a write-off or cancellation.</summary>
    public required string Reference { get; set; }

    public decimal Amount { get; set; }

    public required string ApprovedBy { get; set; }

    public string? ApprovedByName { get; set; }

    public required string Authority { get; set; }

    public required string Right { get; set; }

    /// <summary>The dispute whose resolution this credit is, when it is one.</summary>
    public Guid? DisputeId { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }
}

public static class NonCashApprovals
{
    /// <summary>The approval the caller's token gives (the endpoint has already required <see cref="Scopes.CreditsApprove"/>).</summary>
    public static CreditApproval CreditApproval(this ClaimsPrincipal user)
    {
        var actor = user.Actor();
        return new CreditApproval(actor.Id, actor.Name, actor.Authority, Scopes.CreditsApprove);
    }

    /// <summary>Whether an approval carried by an event shows the right to reduce what a customer owes without cash.</summary>
    public static bool ShowsTheRight(CreditApproval? approval) =>
        approval is { Right: Scopes.CreditsApprove } && !string.IsNullOrWhiteSpace(approval.By);

    public static void Record(
        InvoicesDbContext db, string kind, Guid customerId, Guid? invoiceId, string reference, decimal amount, CreditApproval approval, DateTimeOffset at,
        string? reason = null, Guid? disputeId = null) =>
        db.NonCashApprovals.Add(new NonCashApproval
        {
            Id = Guid.CreateVersion7(at),
            Kind = kind,
            CustomerId = customerId,
            InvoiceId = invoiceId,
            Reference = reference,
            Amount = amount,
            ApprovedBy = approval.By,
            ApprovedByName = approval.Name,
            Authority = approval.Authority,
            Right = approval.Right,
            DisputeId = disputeId,
            Reason = reason,
            ApprovedAt = at,
        });
}
