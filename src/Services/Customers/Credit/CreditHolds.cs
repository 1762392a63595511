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

        Change(db, customer, reason is not null, reason, automatic: reason is not null, clock);
    }

    /// <summary>
    /// The one way a hold goes on or off, by hand or by rule: the customer's flags, and the event that tells the other
    /// services, with <paramref name="announced"/> as its reason when given (a release by hand says why).
    /// </summary>
    public static void Change(CustomersDbContext db, Customer customer, bool onHold, string? reason, bool automatic, TimeProvider clock, string? announced = null)
    {
        (customer.OnHold, customer.HoldReason, customer.HoldAutomatic) = (onHold, onHold ? reason : null, automatic);
        db.AddToOutbox(new CreditHoldChanged(customer.TenantId, customer.Id, onHold, announced ?? customer.HoldReason, customer.Exposure, customer.CreditLimit,
            clock.GetUtcNow()), clock);
    }

    public static CreditResponse ToResponse(Customer c) => new(c.CreditLimit, c.Exposure, c.OnHold, c.HoldReason, c.RiskRating, c.DefaultTerms);
}
