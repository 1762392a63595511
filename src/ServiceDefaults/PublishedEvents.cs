namespace ArPlatform.ServiceDefaults;

/// <summary>
/// The integration events each service publishes (names of <c>ArPlatform.Contracts</c> types): the one list the
/// AppHost gives the broker, where a service's user may write to these events' exchanges and to no other's (ADR 0026).
/// An architecture test reads every service's code and fails on an event published that is not here, or listed and
/// no longer published. A new event: add it here, beside the service that publishes it.
/// </summary>
public static class PublishedEvents
{
    /// <summary>The namespace of the event types, and the prefix of their exchanges as MassTransit names them.</summary>
    public const string ContractsNamespace = "ArPlatform.Contracts";

    public static readonly IReadOnlyDictionary<string, string[]> ByService = new Dictionary<string, string[]>
    {
        [ResourceNames.Identity] = ["TenantCreated"],
        [ResourceNames.Customers] =
        [
            "CustomerRegistered", "CustomersRegistered", "CustomerUpdated", "CustomerContactAdded", "CreditLimitChanged",
            "CreditHoldChanged", "CustomerRiskChanged",
        ],
        [ResourceNames.Invoices] =
        [
            "InvoiceIssued", "InvoiceBatchIssued", "InvoiceCancelled", "InvoiceWrittenOff", "DebitNoteIssued", "CreditNoteIssued",
            "InvoiceBecameOverdue", "InvoiceDueSoon", "PaymentReceived", "PaymentAllocated", "InvoiceSettled", "PaymentReversed",
        ],
        [ResourceNames.Collections] =
        [
            "DisputeRaised", "DisputeResolved", "PromiseToPayMade", "PromiseToPayKept", "PromiseToPayBroken", "DunningActionTaken",
            "CreditHoldRequested",
        ],
        [ResourceNames.Documents] = [],
        [ResourceNames.Reporting] = ["AgingBucketsChanged"],
    };

    /// <summary>The exchange MassTransit publishes an event to: <c>ArPlatform.Contracts:InvoiceIssued</c>.</summary>
    public static string Exchange(string eventName) => $"{ContractsNamespace}:{eventName}";
}
