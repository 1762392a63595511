using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Invoices.Notices;

/// <summary>That an invoice was announced as overdue or due soon: at most one row per invoice and kind, ever.</summary>
public sealed class InvoiceNotice : ITenantOwned
{
    public const string Overdue = "overdue";
    public const string DueSoon = "due-soon";

    public Guid InvoiceId { get; set; }

    public required string Kind { get; set; }

    public Guid TenantId { get; set; }

    public DateOnly NoticedOn { get; set; }
}
