using System.Globalization;
using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Payments;
using CsvHelper;

namespace ArPlatform.Invoices.Imports;

public static class InvoiceCsv
{
    public static readonly CsvColumns Columns = new(
        ["number", "customerCode", "customerId", "invoiceDate", "dueDate", "amount", "currency", "netDays", "discountPercent", "discountDays",
            "poReference", "dealerCode", "statutoryForm", "tdsSection", "tdsRate"],
        ["number"], ["customerCode", "customerId"], ["invoiceDate"], ["amount"]);

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
    public static readonly CsvColumns Columns = new(
        ["customerCode", "customerId", "amount", "receivedOn", "mode", "reference", "bank", "remittance", "tdsAmount", "tdsSection", "allocations"],
        ["customerCode", "customerId"], ["amount"], ["receivedOn"], ["mode"], ["reference"]);

    /// <summary>Columns: customerCode or customerId, amount, receivedOn, mode, reference, bank, remittance, tdsAmount, tdsSection,
    /// allocations ("INV-1:1000.00;INV-2:500").</summary>
    public static (RecordPaymentRequest? Request, ImportRowError? Error) Parse(IReaderRow row, int line)
    {
        var f = new CsvFields(row, line);
        var tdsAmount = f.Decimal("tdsamount");
        List<RequestedAllocation?>? allocations = null;
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
