using ArPlatform.Invoices.Invoices;

namespace ArPlatform.Invoices.Tests;

public sealed class InvoiceValidationTests
{
    private static readonly IssueInvoiceRequest Valid = new("INV-1", Guid.NewGuid(), new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 118000.50m, "INR");

    [Fact]
    public void A_complete_invoice_is_valid() => Assert.True(InvoiceEndpoints.Validate(Valid).IsValid);

    [Fact]
    public void An_invoice_may_be_due_on_its_own_date() =>
        Assert.True(InvoiceEndpoints.Validate(Valid with { DueDate = Valid.InvoiceDate }).IsValid);

    [Fact]
    public void Terms_can_stand_in_for_the_due_date() =>
        Assert.True(InvoiceEndpoints.Validate(Valid with { DueDate = null, Terms = new PaymentTerms(30, 2m, 10) }).IsValid);

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
        Assert.False(InvoiceEndpoints.Validate(request).IsValid);
}
