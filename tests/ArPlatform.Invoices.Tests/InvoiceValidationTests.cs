using ArPlatform.Invoices.Invoices;

namespace ArPlatform.Invoices.Tests;

public sealed class InvoiceValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly IssueInvoiceRequest Valid = new("INV-1", Guid.NewGuid(), new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 118000.50m, "INR");

    private static ArPlatform.ServiceDefaults.Http.Validation Validate(IssueInvoiceRequest request) => InvoiceDraft.Validate(request, Today);

    [Fact]
    public void Dates_outside_the_business_window_name_the_field()
    {
        Assert.Contains("invoiceDate", Validate(Valid with { InvoiceDate = DateOnly.MinValue, DueDate = null, Terms = new PaymentTerms(30, null, null) }).Errors.Keys);
        Assert.Contains("invoiceDate", Validate(Valid with { InvoiceDate = new DateOnly(1999, 12, 31) }).Errors.Keys);
        Assert.Contains("invoiceDate", Validate(Valid with { InvoiceDate = Today.AddDays(1), DueDate = Today.AddDays(31) }).Errors.Keys);
        Assert.Contains("dueDate", Validate(Valid with { DueDate = DateOnly.MaxValue }).Errors.Keys);
        Assert.Contains("dueDate", Validate(Valid with { DueDate = Today.AddYears(10).AddDays(1) }).Errors.Keys);
        Assert.True(Validate(Valid with { InvoiceDate = new DateOnly(2000, 1, 1), DueDate = Today.AddYears(10) }).IsValid);
    }

    [Fact]
    public void Line_values_too_large_to_multiply_are_refused_not_overflowed() =>
        Assert.Contains("lines[0]", Validate(Valid with
        {
            Amount = null,
            Lines = [new InvoiceLineRequest("x", null, 1e15m, 1e15m, 1m, null, null, null, 1m)],
        }).Errors.Keys);

    [Fact]
    public void A_complete_invoice_is_valid() => Assert.True(Validate(Valid).IsValid);

    [Fact]
    public void An_invoice_may_be_due_on_its_own_date() =>
        Assert.True(Validate(Valid with { DueDate = Valid.InvoiceDate }).IsValid);

    [Fact]
    public void Terms_can_stand_in_for_the_due_date() =>
        Assert.True(Validate(Valid with { DueDate = null, Terms = new PaymentTerms(30, 2m, 10) }).IsValid);

    public static TheoryData<IssueInvoiceRequest> Invalid => new()
    {
        Valid with { StatutoryForm = "Z" },
        Valid with { ExpectedTds = new ExpectedTds("194C", 0m) },
        Valid with { ExpectedTds = new ExpectedTds(null, 1m) },
        Valid with { CustomerId = null, CustomerCode = " " },
        Valid with { Amount = null, Lines = [] },
        Valid with { Lines = [new InvoiceLineRequest("x", "123", 1m, 10m, 10m, null, null, null, 10m)] }, // HSN of 3 digits, and amount ≠ lines
        Valid with { Terms = new PaymentTerms(31, null, null) }, // disagrees with the due date
        Valid with { DueDate = null, Terms = new PaymentTerms(30, 2m, null) },
        Valid with { DueDate = null, Terms = new PaymentTerms(30, 100m, 10) },
        Valid with { DueDate = null, Terms = new PaymentTerms(30, 2.555m, 10) },
        Valid with { DueDate = null, Terms = new PaymentTerms(30, 2m, 31) },
        Valid with { DueDate = null, Terms = new PaymentTerms(-1, null, null) },
        Valid with { Number = " " },
        Valid with { Number = new string('9', 51) },
        Valid with { CustomerId = Guid.Empty },
        Valid with { CustomerId = null },
        Valid with { InvoiceDate = null },
        Valid with { DueDate = new DateOnly(2026, 8, 31) },
        Valid with { Amount = 0m },
        Valid with { Amount = -1m },
        Valid with { Amount = 10.005m },
        Valid with { Amount = null },
        Valid with { Currency = "USD" },
        Valid with { Currency = null },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_broken_rule_makes_the_invoice_invalid(IssueInvoiceRequest request) =>
        Assert.False(Validate(request).IsValid);
}
