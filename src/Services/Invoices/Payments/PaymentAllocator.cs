using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ArPlatform.Invoices.Payments;

/// <summary>Early-payment discount terms: <c>Percent</c> off if paid within <c>Days</c> of the invoice date.</summary>
public sealed record DiscountTerms(decimal Percent, int Days);

/// <summary>An invoice that can take a payment, with what is still open on it.</summary>
public sealed record OpenInvoice(Guid Id, string Number, DateOnly InvoiceDate, DateOnly DueDate, decimal Amount, decimal OpenAmount, DiscountTerms? Discount = null);

/// <summary>What the remittance says to settle on one invoice (cash and TDS together).</summary>
public sealed record RequestedAllocation([property: MaxLength(50)] string InvoiceNumber, decimal Amount);

/// <summary>A payment to apply: cash received plus TDS the customer deducted (which settles like cash).</summary>
public sealed record PaymentToAllocate(decimal Cash, decimal Tds, DateOnly ReceivedOn, string? Remittance, IReadOnlyList<RequestedAllocation?>? Allocations);

/// <summary>What one invoice receives: cash, TDS and discount together reduce its open amount.</summary>
public sealed record Allocation(Guid InvoiceId, string InvoiceNumber, decimal Cash, decimal Tds, decimal Discount)
{
    public decimal Settled => Cash + Tds + Discount;
}

public sealed record AllocationResult(IReadOnlyList<Allocation> Allocations, decimal UnappliedCash, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Applies a payment to a customer's open invoices:
/// explicit allocations exactly as given; otherwise invoices named in the remittance text first (in the order named),
/// then the oldest due. An invoice paid within its discount window by enough to cover it net of the discount takes
/// the discount and is settled. TDS settles like cash and is spread over the settled invoices in proportion, to the
/// paisa. What is left stays on account as unapplied cash.
/// </summary>
public static partial class PaymentAllocator
{
    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9/_\-.]*[A-Za-z0-9]|[A-Za-z0-9]")]
    private static partial Regex Token();

    /// <summary>Every invoice number a payment names: its explicit allocations and the tokens of its remittance text.</summary>
    public static IEnumerable<string> NamedInvoiceNumbers(string? remittance, IEnumerable<RequestedAllocation?>? allocations) =>
        (allocations ?? []).Select(a => a?.InvoiceNumber ?? "")
            .Concat(string.IsNullOrWhiteSpace(remittance) ? [] : Token().Matches(remittance).Select(m => m.Value));

    public static AllocationResult Allocate(PaymentToAllocate payment, IReadOnlyList<OpenInvoice> openInvoices)
    {
        var capacity = payment.Cash + payment.Tds;
        var settlements = payment.Allocations is { Count: > 0 } requested
            ? Explicit(requested, openInvoices, capacity, payment.ReceivedOn, out var errors)
            : Automatic(payment, openInvoices, capacity, out errors);
        if (errors.Count > 0)
        {
            return new AllocationResult([], payment.Cash, errors);
        }

        var allocations = SplitTds(settlements, payment.Tds);
        var unapplied = payment.Cash - allocations.Sum(a => a.Cash);
        return new AllocationResult(allocations, unapplied, errors);
    }

    private static List<(OpenInvoice Invoice, decimal Paid, decimal Discount)> Explicit(
        IReadOnlyList<RequestedAllocation?> requested, IReadOnlyList<OpenInvoice> open, decimal capacity, DateOnly receivedOn,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        var byNumber = open.ToDictionary(i => i.Number, StringComparer.OrdinalIgnoreCase);
        var result = new List<(OpenInvoice, decimal, decimal)>();
        for (var i = 0; i < requested.Count; i++)
        {
            var field = $"allocations[{i}]";
            if (requested[i] is not { } request)
            {
                errors[field] = ["must be an allocation {invoiceNumber, amount}."];
            }
            else if (request.Amount <= 0 || decimal.Round(request.Amount, 2) != request.Amount)
            {
                errors[$"{field}.amount"] = ["must be greater than zero with at most two decimal places."];
            }
            else if (!byNumber.TryGetValue(request.InvoiceNumber ?? "", out var invoice))
            {
                errors[$"{field}.invoiceNumber"] = [$"'{request.InvoiceNumber}' is not an open invoice of this customer."];
            }
            else if (request.Amount > invoice.OpenAmount)
            {
                errors[$"{field}.amount"] = [$"is more than the {invoice.OpenAmount:0.00} open on {invoice.Number}."];
            }
            else if (result.Any(r => r.Item1.Id == invoice.Id))
            {
                errors[$"{field}.invoiceNumber"] = [$"{invoice.Number} is allocated twice."];
            }
            else
            {
                var (paid, discount) = Settle(invoice, request.Amount, receivedOn);
                result.Add((invoice, paid, discount));
            }
        }

        if (errors.Count == 0 && requested.Sum(r => r!.Amount) > capacity)
        {
            errors["allocations"] = [$"add up to {requested.Sum(r => r!.Amount):0.00}, more than the payment and TDS ({capacity:0.00})."];
        }

        return result;
    }

    private static List<(OpenInvoice Invoice, decimal Paid, decimal Discount)> Automatic(
        PaymentToAllocate payment, IReadOnlyList<OpenInvoice> open, decimal capacity, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var named = NamedInRemittance(payment.Remittance, open);
        var order = named.Concat(open.Where(i => !named.Contains(i))
            .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceDate).ThenBy(i => i.Number, StringComparer.Ordinal));
        var result = new List<(OpenInvoice, decimal, decimal)>();
        foreach (var invoice in order)
        {
            if (capacity <= 0)
            {
                break;
            }

            if (invoice.OpenAmount <= 0)
            {
                continue;
            }

            var (paid, discount) = Settle(invoice, Math.Min(capacity, invoice.OpenAmount), payment.ReceivedOn);
            result.Add((invoice, paid, discount));
            capacity -= paid;
        }

        return result;
    }

    /// <summary>
    /// What <paramref name="available"/> (at most the open amount) settles on an invoice, the one rule for explicit and
    /// automatic allocations alike: enough to cover it net of the discount it earns settles it, paying the net amount
    /// and taking the discount; less pays what it is.
    /// </summary>
    public static (decimal Paid, decimal Discount) Settle(OpenInvoice invoice, decimal available, DateOnly receivedOn)
    {
        var discount = DiscountFor(invoice, receivedOn);
        return discount > 0 && available >= invoice.OpenAmount - discount ? (invoice.OpenAmount - discount, discount) : (available, 0m);
    }

    /// <summary>The discount an invoice earns when paid on <paramref name="receivedOn"/>: only on a full, untouched invoice.</summary>
    public static decimal DiscountFor(OpenInvoice invoice, DateOnly receivedOn) =>
        invoice.Discount is { Percent: > 0 } terms && receivedOn <= invoice.InvoiceDate.AddDays(terms.Days) && invoice.OpenAmount == invoice.Amount
            ? decimal.Round(invoice.Amount * terms.Percent / 100m, 2, MidpointRounding.AwayFromZero)
            : 0m;

    private static List<OpenInvoice> NamedInRemittance(string? remittance, IReadOnlyList<OpenInvoice> open)
    {
        if (string.IsNullOrWhiteSpace(remittance))
        {
            return [];
        }

        var byNumber = open.GroupBy(i => i.Number, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var named = new List<OpenInvoice>();
        foreach (Match token in Token().Matches(remittance))
        {
            if (byNumber.TryGetValue(token.Value, out var invoice) && !named.Contains(invoice))
            {
                named.Add(invoice);
            }
        }

        return named;
    }

    /// <summary>Spreads the TDS over the settlements in proportion to what each settles, the rounding on the last.</summary>
    private static List<Allocation> SplitTds(List<(OpenInvoice Invoice, decimal Paid, decimal Discount)> settlements, decimal tds)
    {
        var paidTotal = settlements.Sum(s => s.Paid);
        var tdsUsed = Math.Min(tds, paidTotal);
        var allocations = new List<Allocation>(settlements.Count);
        var tdsLeft = tdsUsed;
        for (var i = 0; i < settlements.Count; i++)
        {
            var (invoice, paid, discount) = settlements[i];
            var share = i == settlements.Count - 1 || paidTotal == 0
                ? tdsLeft
                : Math.Min(tdsLeft, decimal.Round(tdsUsed * paid / paidTotal, 2, MidpointRounding.ToZero));
            share = Math.Min(share, paid);
            tdsLeft -= share;
            allocations.Add(new Allocation(invoice.Id, invoice.Number, paid - share, share, discount));
        }

        return allocations;
    }
}
