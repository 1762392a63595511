using System.Globalization;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Payments;
using CsvHelper;

namespace ArPlatform.Invoices.Imports;

/// <summary>Reads typed fields from a CSV row by header name, collecting the first error with the field it concerns.</summary>
internal sealed class CsvFields(IReaderRow row, int line)
{
    public ImportRowError? Error { get; private set; }

    public string? Text(string name) =>
        row.TryGetField<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public decimal? Decimal(string name) => Parse<decimal>(name, "a number such as 1234.50",
        v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null);

    public int? Int(string name) => Parse<int>(name, "a whole number", v => int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : null);

    public DateOnly? Date(string name) => Parse<DateOnly>(name, "a date as yyyy-MM-dd",
        v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null);

    public Guid? Guid(string name) => Parse<System.Guid>(name, "a UUID", v => System.Guid.TryParse(v, out var g) ? g : null);

    public void Fail(string field, string message) => Error ??= new ImportRowError(line, field, message);

    private T? Parse<T>(string name, string expected, Func<string, T?> parse) where T : struct
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            Fail(name, $"'{text}' is not {expected}.");
        }

        return value;
    }
}

public static class InvoiceCsv
{
    /// <summary>Columns: number, customerCode or customerId, invoiceDate, dueDate, amount, currency (default INR), netDays,
    /// discountPercent, discountDays, poReference, dealerCode, statutoryForm, tdsSection, tdsRate.</summary>
    public static (IssueInvoiceRequest? Request, ImportRowError? Error) Parse(IReaderRow row, int line)
    {
        var f = new CsvFields(row, line);
        var netDays = f.Int("netdays");
        var discountPercent = f.Decimal("discountpercent");
        var discountDays = f.Int("discountdays");
        var tdsRate = f.Decimal("tdsrate");
        var request = new IssueInvoiceRequest(
            f.Text("number"), f.Guid("customerid"), f.Date("invoicedate"), f.Date("duedate"), f.Decimal("amount"), f.Text("currency") ?? InvoiceDraft.Inr,
            netDays is null && discountPercent is null ? null : new PaymentTerms(netDays, discountPercent, discountDays),
            f.Text("customercode"), null, f.Text("poreference"), f.Text("dealercode"), f.Text("statutoryform"),
            tdsRate is null && f.Text("tdssection") is null ? null : new ExpectedTds(f.Text("tdssection"), tdsRate));
        return f.Error is null ? (request, null) : (null, f.Error);
    }
}

public static class PaymentCsv
{
    /// <summary>Columns: customerCode or customerId, amount, receivedOn, mode, reference, bank, remittance, tdsAmount, tdsSection,
    /// allocations ("INV-1:1000.00;INV-2:500").</summary>
    public static (RecordPaymentRequest? Request, ImportRowError? Error) Parse(IReaderRow row, int line)
    {
        var f = new CsvFields(row, line);
        var tdsAmount = f.Decimal("tdsamount");
        List<RequestedAllocation>? allocations = null;
        if (f.Text("allocations") is { } text)
        {
            allocations = [];
            foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
                if (pieces.Length != 2 || !decimal.TryParse(pieces[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    f.Fail("allocations", $"'{part}' is not invoiceNumber:amount (e.g. INV-1:1000.00;INV-2:500).");
                    break;
                }

                allocations.Add(new RequestedAllocation(pieces[0], amount));
            }
        }

        var request = new RecordPaymentRequest(
            f.Guid("customerid"), f.Text("customercode"), f.Decimal("amount"), f.Date("receivedon"), f.Text("mode")?.ToUpperInvariant(), f.Text("reference"),
            f.Text("bank"), f.Text("remittance"), tdsAmount is null ? null : new TdsRequest(tdsAmount, f.Text("tdssection")), allocations);
        return f.Error is null ? (request, null) : (null, f.Error);
    }
}
