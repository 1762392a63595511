using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Credit;

/// <summary>
/// Automatic credit holds: on while exposure exceeds the limit or an invoice is more than the tenant's number of days
/// overdue, off once cured. A hold put on by hand is left alone until released by hand.
/// </summary>
public static class CreditHolds
{
    public const string OverLimit = "exposure over the credit limit";

    public static Task<int?> OverdueHoldDaysAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.CreditSettings.Select(s => s.OverdueHoldDays).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The reason an automatic hold must be on for these figures, or null when none applies.</summary>
    public static string? AutomaticReason(decimal exposure, decimal? limit, int overdueDays, string? oldestOverdueInvoice, int? overdueHoldDays) =>
        limit is { } l && exposure > l ? OverLimit
        : overdueHoldDays is { } days && overdueDays > days ? $"invoice {oldestOverdueInvoice} more than {days} days overdue"
        : null;

    public static bool NeedsChange(bool onHold, bool holdAutomatic, string? holdReason, string? automaticReason) =>
        (!onHold || holdAutomatic) && automaticReason != (onHold ? holdReason : null);

    public static void Reassess(CustomersDbContext db, Customer customer, int? overdueHoldDays, TimeProvider clock)
    {
        var reason = AutomaticReason(customer.Exposure, customer.CreditLimit, customer.OverdueDays, customer.OldestOverdueInvoice, overdueHoldDays);
        if (!NeedsChange(customer.OnHold, customer.HoldAutomatic, customer.HoldReason, reason))
        {
            return;
        }

        (customer.OnHold, customer.HoldReason, customer.HoldAutomatic) = (reason is not null, reason, reason is not null);
        db.AddToOutbox(new CreditHoldChanged(customer.TenantId, customer.Id, customer.OnHold, customer.HoldReason, customer.Exposure, customer.CreditLimit,
            clock.GetUtcNow()), clock);
    }

    public static CreditResponse ToResponse(Customer c) => new(c.CreditLimit, c.Exposure, c.OnHold, c.HoldReason, c.RiskRating, c.DefaultTerms);
}
