using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Accounts;

/// <summary>One customer as Collections chases it: its details copied from Customers' events, and the collector's state of play.</summary>
public sealed class CollectionAccount : ITenantOwned
{
    public Guid CustomerId { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Empty until Customers' CustomerRegistered arrives (an invoice event can come first).</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>corporate, dealer, distributor, government, psu or sez.</summary>
    public string? Type { get; set; }

    public string? Collector { get; set; }

    public string? Portfolio { get; set; }

    public string? RiskRating { get; set; }

    public bool OnHold { get; set; }

    public string? HoldReason { get; set; }

    /// <summary>"Do not dun" until the end of this date, set by a collector with <see cref="PauseReason"/>.</summary>
    public DateOnly? PausedUntil { get; set; }

    public DateOnly? PausedFrom { get; set; }

    public string? PauseReason { get; set; }

    /// <summary>The date dunning marked the account for placement with a collection agency.</summary>
    public DateOnly? AgencyReferredOn { get; set; }

    public int BrokenPromises { get; set; }

    public DateTimeOffset? LastActivityAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the account is paused on <paramref name="date"/>.</summary>
    public bool IsPausedOn(DateOnly date) => PausedUntil is { } until && date <= until && (PausedFrom is not { } from || date >= from);
}

/// <summary>
/// An invoice of the account, with what is open on it kept from Invoices' events (to the paisa) and its dunning
/// position: the day offset and code of the last step taken for it (none for a new invoice). The position never moves
/// back: a partial payment, a credit note or a reversal leaves it where it is.
/// </summary>
public sealed class CollectionItem : ITenantOwned
{
    public Guid InvoiceId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>Empty while only a payment or note for the invoice has arrived, before its InvoiceIssued.</summary>
    public string Number { get; set; } = "";

    public DateOnly? InvoiceDate { get; set; }

    public DateOnly DueDate { get; set; }

    /// <summary>Issued amount plus debit notes.</summary>
    public decimal Amount { get; set; }

    public decimal OpenAmount { get; set; }

    /// <summary>What open disputes on the invoice contest; out of dunning, still in aging.</summary>
    public decimal DisputedAmount { get; set; }

    public bool Issued { get; set; }

    /// <summary>The business date Collections first heard of the invoice: steps dated before it were never its to take.</summary>
    public DateOnly RecordedOn { get; set; }

    /// <summary>cancelled or written-off when Invoices closed it that way; null otherwise.</summary>
    public string? ClosedAs { get; set; }

    public int? PositionOffset { get; set; }

    public string? PositionStep { get; set; }

    public DateOnly? PositionDate { get; set; }

    /// <summary>The last time the item was held from dunning (dispute, promise): why, from and until, so a step passed over meanwhile is recorded with why.</summary>
    public string? HeldFor { get; set; }

    public DateOnly? HeldFrom { get; set; }

    public DateOnly? HeldUntil { get; set; }

    public decimal UndisputedOpen => Math.Max(0, OpenAmount - DisputedAmount);

    public void Hold(string why, DateOnly from) => (HeldFor, HeldFrom, HeldUntil) = (why, from, null);

    public void Release(DateOnly on)
    {
        if (HeldFrom is not null && HeldUntil is null)
        {
            HeldUntil = on;
        }
    }
}

/// <summary>A person to contact at the customer, copied from Customers' CustomerContactAdded.</summary>
public sealed class AccountContact : ITenantOwned
{
    public Guid ContactId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public required string Name { get; set; }

    public string? Role { get; set; }

    /// <summary>L1 accounts payable, L2 finance manager, L3 upper management.</summary>
    public required string EscalationLevel { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public required string PreferredChannel { get; set; }
}

/// <summary>Cash (with TDS) allocated to one of the account's invoices, as promises are kept by it; reversed ones stay, marked.</summary>
public sealed class CashReceipt : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid PaymentId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid InvoiceId { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public decimal Amount { get; set; }

    public DateOnly? ReversedOn { get; set; }
}
