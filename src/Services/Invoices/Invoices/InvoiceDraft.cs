using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.Ledger;
using ArPlatform.ServiceDefaults.Http;

namespace ArPlatform.Invoices.Invoices;

/// <summary>Payment terms, e.g. "2/10 net 30" = {netDays: 30, discountPercent: 2, discountDays: 10}.</summary>
public sealed record PaymentTerms([property: Range(0, 3650)] int? NetDays, [property: Range(0, 100, MinimumIsExclusive = true, MaximumIsExclusive = true)] decimal? DiscountPercent, [property: Range(1, 3650)] int? DiscountDays);

/// <summary>A GST invoice line. Intra-state sales carry CGST + SGST, inter-state sales IGST.</summary>
public sealed record InvoiceLineRequest(
    [property: MaxLength(500)] string? Description, [property: MaxLength(8)] string? HsnSac, decimal? Quantity, decimal? UnitPrice, decimal? TaxableValue,
    decimal? Cgst, decimal? Sgst, decimal? Igst, decimal? LineTotal);

/// <summary>The TDS the customer is expected to deduct: the section (e.g. 194C, 194J, 194Q) and its rate in percent.</summary>
public sealed record ExpectedTds([property: MaxLength(20)] string? Section, [property: Range(0, 30, MinimumIsExclusive = true)] decimal? Rate, decimal? Amount = null);

public sealed record IssueInvoiceRequest(
    [property: MaxLength(50)] string? Number, Guid? CustomerId, DateOnly? InvoiceDate, DateOnly? DueDate, decimal? Amount, [property: MaxLength(3)] string? Currency,
    PaymentTerms? Terms = null, [property: MaxLength(50)] string? CustomerCode = null, [property: MaxLength(1000)] List<InvoiceLineRequest>? Lines = null,
    [property: MaxLength(100)] string? PoReference = null, [property: MaxLength(50)] string? DealerCode = null, [property: MaxLength(4)] string? StatutoryForm = null, ExpectedTds? ExpectedTds = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public CustomerReference Customer => new(CustomerId is { } id && id != Guid.Empty ? id : null, CustomerCode);
}

/// <summary>Validation of an invoice request and the invoice and ledger entry it makes; shared by single and batch issue.</summary>
public static partial class InvoiceDraft
{
    public const string Inr = "INR";
    /// <summary>Amounts must stay below this: numeric(18,2) holds sixteen digits before the point.</summary>
    public const decimal MaxAmount = 10_000_000_000_000_000m;

    private const decimal MaxQuantity = 1_000_000_000_000m;

    [GeneratedRegex("^([0-9]{4}|[0-9]{6}|[0-9]{8})$")]
    private static partial Regex HsnSac();

    /// <summary>Checks the request on its own (customer and default terms are checked once the customer is known).</summary>
    public static Validation Validate(IssueInvoiceRequest request, DateOnly today, string prefix = "")
    {
        string F(string field) => prefix + field;
        var validation = new Validation()
            .Required(F("number"), request.Number, maxLength: 50)
            .When(!request.Customer.IsGiven, F("customerId"), "is required (or customerCode).")
            .When(request.CustomerCode is { Length: > 50 }, F("customerCode"), "must be at most 50 characters.")
            .Required(F("invoiceDate"), request.InvoiceDate)
            .When(request.Amount is null && request.Lines is not { Count: > 0 }, F("amount"), "is required unless lines are given.")
            .Required(F("currency"), request.Currency, maxLength: 3)
            .When(request.Amount is <= 0, F("amount"), "must be greater than zero.")
            .When(request.Amount is { } a && !IsPaise(a), F("amount"), "must have at most two decimal places (paise).")
            .When(request.Amount >= MaxAmount, F("amount"), "is too large.")
            .BusinessDate(F("invoiceDate"), request.InvoiceDate, today)
            .BusinessDate(F("dueDate"), request.DueDate, BusinessDate.Latest(today), $"must be at most {BusinessDate.MaxYearsAhead} years ahead.")
            .When(request.DueDate < request.InvoiceDate, F("dueDate"), "must be on or after invoiceDate.")
            .When(request.Currency is { Length: > 0 } c && c != Inr, F("currency"), $"must be {Inr}: other currencies are not supported yet.")
            .When(request.PoReference is { Length: > 100 }, F("poReference"), "must be at most 100 characters.")
            .When(request.DealerCode is { Length: > 50 }, F("dealerCode"), "must be at most 50 characters.")
            .When(request.StatutoryForm is { } form && !StatutoryForms.All.Contains(form), F("statutoryForm"),
                $"must be one of {string.Join(", ", StatutoryForms.All)}.");
        if (request.Terms is { } terms)
        {
            ValidateTerms(validation, terms, F("terms"));
            validation.When(request.DueDate is { } due && terms.NetDays is { } net && request.InvoiceDate is { } date && due != date.AddDays(net),
                F("dueDate"), "does not match invoiceDate + terms.netDays: give one or make them agree.");
        }

        if (request.ExpectedTds is { } tds)
        {
            validation
                .When(string.IsNullOrWhiteSpace(tds.Section) || tds.Section.Length > 20, F("expectedTds.section"), "is required (e.g. 194C), at most 20 characters.")
                .When(tds.Rate is null or <= 0 or > 30, F("expectedTds.rate"), "is required: a percentage more than 0 and at most 30.")
                .When(tds.Rate is { } r && decimal.Round(r, 3) != r, F("expectedTds.rate"), "must have at most three decimal places.");
        }

        if (request.Lines is { Count: > 0 } lines)
        {
            ValidateLines(validation, request, lines, F("lines"));
        }

        return validation;
    }

    public static void ValidateTerms(Validation validation, PaymentTerms terms, string field) => validation
        .When(terms.NetDays is < 0 or > 3650, $"{field}.netDays", "must be between 0 and 3650 days.")
        .When((terms.DiscountPercent is null) != (terms.DiscountDays is null), field, "discountPercent and discountDays go together.")
        .When(terms.DiscountPercent is <= 0 or >= 100, $"{field}.discountPercent", "must be more than 0 and less than 100.")
        .When(terms.DiscountPercent is { } p && decimal.Round(p, 2) != p, $"{field}.discountPercent", "must have at most two decimal places.")
        .When(terms.DiscountDays is < 1 || terms.DiscountDays > (terms.NetDays ?? int.MaxValue), $"{field}.discountDays", "must be at least 1 and within the net days.");

    private static void ValidateLines(Validation validation, IssueInvoiceRequest request, List<InvoiceLineRequest> lines, string field)
    {
        if (lines.Count > 1000)
        {
            validation.Add(field, "must have at most 1000 lines.");
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var f = $"{field}[{i}]";
            if (line is null)
            {
                validation.Add(f, "must be a line object.");
                continue;
            }

            if (line.Quantity >= MaxQuantity || new[] { line.UnitPrice, line.TaxableValue, line.LineTotal, line.Cgst, line.Sgst, line.Igst }
                .Any(v => v is { } value && Math.Abs(value) >= MaxAmount))
            {
                validation.Add(f, $"has a value too large: quantities must be below {MaxQuantity:0}, amounts below {MaxAmount:0}.");
                continue;
            }

            validation
                .Required($"{f}.description", line.Description, maxLength: 500)
                .When(line.HsnSac is { } hsn && !HsnSac().IsMatch(hsn), $"{f}.hsnSac", "must be a 4, 6 or 8 digit HSN or SAC code.")
                .When(line.Quantity is null or <= 0, $"{f}.quantity", "is required and must be greater than zero.")
                .When(line.UnitPrice is null or < 0, $"{f}.unitPrice", "is required and must not be negative.")
                .When(line.TaxableValue is null || !IsPaise(line.TaxableValue.Value) || line.TaxableValue < 0, $"{f}.taxableValue",
                    "is required, not negative, with at most two decimal places.")
                .When(line.LineTotal is null || !IsPaise(line.LineTotal.Value), $"{f}.lineTotal", "is required, with at most two decimal places.");
            foreach (var (name, tax) in new[] { ("cgst", line.Cgst), ("sgst", line.Sgst), ("igst", line.Igst) })
            {
                validation.When(tax is < 0 || tax is { } t && !IsPaise(t), $"{f}.{name}", "must not be negative, with at most two decimal places.");
            }

            validation.When((line.Igst ?? 0) > 0 && (line.Cgst ?? 0) + (line.Sgst ?? 0) > 0, $"{f}.igst",
                "an inter-state line carries IGST, an intra-state line CGST and SGST: not both.");
            if (line is { Quantity: { } q, UnitPrice: { } u, TaxableValue: { } tv } && decimal.Round(q * u, 2, MidpointRounding.AwayFromZero) != tv)
            {
                validation.Add($"{f}.taxableValue", $"must be quantity × unitPrice = {decimal.Round(q * u, 2, MidpointRounding.AwayFromZero):0.00}.");
            }

            if (line is { TaxableValue: { } taxable, LineTotal: { } total } && taxable + Taxes(line) != total)
            {
                validation.Add($"{f}.lineTotal", $"must be taxableValue + CGST + SGST + IGST = {taxable + Taxes(line):0.00}.");
            }
        }

        var sum = lines.Where(l => l?.LineTotal is not null).Sum(l => l.LineTotal!.Value);
        if (validation.IsValid && request.Amount is { } amount && amount != sum)
        {
            validation.Add("amount", $"must equal the sum of the line totals, {sum:0.00}.");
        }

        if (validation.IsValid && sum <= 0)
        {
            validation.Add(field, "must add up to more than zero.");
        }
    }

    private static decimal Taxes(InvoiceLineRequest line) => (line.Cgst ?? 0) + (line.Sgst ?? 0) + (line.Igst ?? 0);

    private static bool IsPaise(decimal value) => decimal.Round(value, 2) == value;

    /// <summary>The due date: as given, else invoice date + the request's net days, else + the customer's default net days.</summary>
    public static DateOnly? DueDate(IssueInvoiceRequest request, KnownCustomer customer) =>
        request.DueDate
        ?? ((request.Terms?.NetDays ?? customer.DefaultNetDays) is { } net ? request.InvoiceDate!.Value.AddDays(net) : null);

    /// <summary>The invoice a valid request makes for a resolved customer (due date known), and its opening ledger entry.</summary>
    public static (Invoice Invoice, LedgerEntry Entry) Build(IssueInvoiceRequest request, KnownCustomer customer, Guid tenantId, DateTimeOffset now)
    {
        var inheritsTerms = request.DueDate is null && request.Terms?.NetDays is null;
        var lines = request.Lines ?? [];
        var invoice = new Invoice
        {
            Id = Ids.NewVersion7(now),
            TenantId = tenantId,
            Number = request.Number!.Trim(),
            CustomerId = customer.Id,
            CustomerCode = customer.Code,
            InvoiceDate = request.InvoiceDate!.Value,
            DueDate = DueDate(request, customer)!.Value,
            NetDays = inheritsTerms ? customer.DefaultNetDays : request.Terms?.NetDays,
            DiscountPercent = inheritsTerms ? customer.DefaultDiscountPercent : request.Terms?.DiscountPercent,
            DiscountDays = inheritsTerms ? customer.DefaultDiscountDays : request.Terms?.DiscountDays,
            Amount = request.Amount ?? lines.Sum(l => l.LineTotal!.Value),
            Currency = request.Currency!,
            PoReference = Trimmed(request.PoReference),
            DealerCode = Trimmed(request.DealerCode),
            StatutoryForm = request.StatutoryForm ?? StatutoryForms.None,
            ExpectedTdsSection = request.ExpectedTds?.Section?.Trim(),
            ExpectedTdsRate = request.ExpectedTds?.Rate,
            CreatedAt = now,
        };
        invoice.OpenAmount = invoice.Amount;
        if (lines.Count > 0)
        {
            invoice.TaxableValue = lines.Sum(l => l.TaxableValue!.Value);
            invoice.Cgst = lines.Sum(l => l.Cgst ?? 0);
            invoice.Sgst = lines.Sum(l => l.Sgst ?? 0);
            invoice.Igst = lines.Sum(l => l.Igst ?? 0);
            invoice.Lines = [.. lines.Select((l, i) => new InvoiceLine
            {
                InvoiceId = invoice.Id,
                TenantId = tenantId,
                LineNumber = i + 1,
                Description = l.Description!.Trim(),
                HsnSac = l.HsnSac,
                Quantity = l.Quantity!.Value,
                UnitPrice = l.UnitPrice!.Value,
                TaxableValue = l.TaxableValue!.Value,
                Cgst = l.Cgst ?? 0,
                Sgst = l.Sgst ?? 0,
                Igst = l.Igst ?? 0,
                LineTotal = l.LineTotal!.Value,
            })];
        }

        var entry = new LedgerEntry
        {
            Id = Ids.NewVersion7(now),
            TenantId = tenantId,
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Kind = LedgerKinds.Invoice,
            Amount = invoice.Amount,
            EffectiveDate = invoice.InvoiceDate,
            RecordedAt = now,
        };
        return (invoice, entry);
    }

    /// <summary>True when a replayed request describes the invoice already recorded under its number.</summary>
    public static bool SameAs(IssueInvoiceRequest request, Invoice existing, KnownCustomer customer)
    {
        var (candidate, _) = Build(request, customer, existing.TenantId, existing.CreatedAt);
        return candidate.CustomerId == existing.CustomerId && candidate.InvoiceDate == existing.InvoiceDate && candidate.DueDate == existing.DueDate
            && candidate.Amount == existing.Amount && candidate.Currency == existing.Currency && candidate.PoReference == existing.PoReference
            && candidate.DealerCode == existing.DealerCode && candidate.StatutoryForm == existing.StatutoryForm
            && candidate.ExpectedTdsSection == existing.ExpectedTdsSection && candidate.ExpectedTdsRate == existing.ExpectedTdsRate
            && candidate.DiscountPercent == existing.DiscountPercent && candidate.DiscountDays == existing.DiscountDays
            && candidate.TaxableValue == existing.TaxableValue;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
