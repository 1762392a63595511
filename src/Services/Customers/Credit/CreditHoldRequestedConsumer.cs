using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;

namespace ArPlatform.Customers.Credit;

/// <summary>
/// Dunning asked for a credit hold: the customer goes on hold by hand, with the request's reason, and stays on hold until
/// released. A hold already put on by hand is left as it is; an automatic one becomes a hold by hand.
/// </summary>
public sealed class CreditHoldRequestedConsumer(CustomersDbContext db, TenantContext tenant, TimeProvider clock, ILogger<CreditHoldRequestedConsumer> logger)
    : IdempotentConsumer<CreditHoldRequested, CustomersDbContext>(db, tenant, logger)
{
    private const string DefaultReason = "credit hold requested by dunning";

    /// <summary>The length of the customer's hold reason column.</summary>
    private const int MaxReasonLength = 500;

    protected override async Task HandleAsync(CreditHoldRequested message, CancellationToken cancellationToken)
    {
        if (await CreditQueries.LockCustomerAsync(Db, message.CustomerId, cancellationToken) is not { } customer)
        {
            // Retrying cannot make the customer appear: the request is dropped, not sent to the error queue.
            Logger.LogWarning("Credit hold requested for customer {CustomerId}, which tenant {TenantId} does not have; ignored", message.CustomerId, message.TenantId);
            return;
        }

        if (customer.OnHold && !customer.HoldAutomatic)
        {
            Logger.LogInformation("Customer {CustomerId} is already on hold by hand ({Reason}); the requested hold changes nothing", customer.Id, customer.HoldReason);
            return;
        }

        var reason = message.Reason?.Trim() is { Length: > 0 } given ? given : DefaultReason;
        CreditHolds.Change(Db, customer, onHold: true, reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason, automatic: false, clock);
    }
}
