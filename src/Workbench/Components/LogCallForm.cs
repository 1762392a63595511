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

    /// <summary>The promised date as typed (<see cref="DateText"/>).</summary>
    public string? PromiseDate { get; set; }

    public string? DisputeInvoice { get; set; }

    public string? DisputeReason { get; set; }

    public decimal? DisputeAmount { get; set; }

    /// <summary>The next action's date as typed (<see cref="DateText"/>).</summary>
    public string? NextDate { get; set; }

    public string NextType { get; set; } = "call";

    /// <summary>The dates typed that name no date, by the API's field names: the form is not sent until they do.</summary>
    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(PromiseDate) && DateText.Parse(PromiseDate) is null)
        {
            errors["promise.promisedDate"] = [$"\"{PromiseDate.Trim()}\" is not a date: write it day first, as 14-12-2026 or 14-Dec-2026."];
        }

        if (!string.IsNullOrWhiteSpace(NextDate) && DateText.Parse(NextDate) is null)
        {
            errors["nextAction.date"] = [$"\"{NextDate.Trim()}\" is not a date: write it day first, as 14-12-2026 or 14-Dec-2026."];
        }

        return errors;
    }

    /// <summary>
    /// A part left empty is not sent; a part half filled is sent as it is, so that the API names what is missing
    /// (a promise with an amount and no date is refused, not dropped). Dates are read by <see cref="DateText"/>; check
    /// <see cref="Errors"/> first.
    /// </summary>
    public ActivityRequest ToRequest() => new(
        Type,
        string.IsNullOrEmpty(Disposition) ? null : Disposition,
        string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        PromiseAmount is null && string.IsNullOrWhiteSpace(PromiseDate) ? null : new PromiseRequest(PromiseAmount, DateText.Parse(PromiseDate)),
        string.IsNullOrEmpty(DisputeInvoice) && string.IsNullOrEmpty(DisputeReason) ? null : new DisputeRequest(NullIfEmpty(DisputeInvoice), DisputeAmount, NullIfEmpty(DisputeReason), null),
        DateText.Parse(NextDate) is { } next ? new NextActionRequest(next, NextType) : null);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
