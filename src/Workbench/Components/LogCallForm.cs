using ArPlatform.Workbench.Api;

namespace ArPlatform.Workbench.Components;

/// <summary>"Log a call" as the form posts it: the call, and optionally a promise, a dispute and the next action, sent as one request.</summary>
public sealed class LogCallForm
{
    /// <summary>Made when the form is shown: a form sent twice (a double click, a retry) is logged once.</summary>
    public string? IdempotencyKey { get; set; }

    public string Type { get; set; } = "call";

    public string? Disposition { get; set; }

    public string? Notes { get; set; }

    public decimal? PromiseAmount { get; set; }

    public DateOnly? PromiseDate { get; set; }

    public string? DisputeInvoice { get; set; }

    public string? DisputeReason { get; set; }

    public decimal? DisputeAmount { get; set; }

    public DateOnly? NextDate { get; set; }

    public string NextType { get; set; } = "call";

    /// <summary>
    /// A part left empty is not sent; a part half filled is sent as it is, so that the API names what is missing
    /// (a promise with an amount and no date is refused, not dropped).
    /// </summary>
    public ActivityRequest ToRequest() => new(
        Type,
        string.IsNullOrEmpty(Disposition) ? null : Disposition,
        string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        PromiseAmount is null && PromiseDate is null ? null : new PromiseRequest(PromiseAmount, PromiseDate),
        string.IsNullOrEmpty(DisputeInvoice) && string.IsNullOrEmpty(DisputeReason) ? null : new DisputeRequest(NullIfEmpty(DisputeInvoice), DisputeAmount, NullIfEmpty(DisputeReason), null),
        NextDate is { } next ? new NextActionRequest(next, NextType) : null);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
