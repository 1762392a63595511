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

    public static TheoryData<IssueInvoiceRequest> Invalid => new()
    {
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
