using ArPlatform.Invoices.Payments;

namespace ArPlatform.Invoices.Tests;

public sealed class PaymentAllocatorTests
{
    private static readonly OpenInvoice August = Invoice("INV-1", new(2026, 7, 2), new(2026, 8, 1), 1000m);
    private static readonly OpenInvoice September = Invoice("INV-2", new(2026, 8, 2), new(2026, 9, 1), 500m);
    private static readonly OpenInvoice October = Invoice("INV-3", new(2026, 9, 1), new(2026, 10, 1), 700m);
    private static readonly OpenInvoice[] Open = [October, August, September];

    private static OpenInvoice Invoice(string number, DateOnly date, DateOnly due, decimal amount, decimal? open = null, DiscountTerms? discount = null) =>
        new(Guid.NewGuid(), number, date, due, amount, open ?? amount, discount);

    private static PaymentToAllocate Payment(decimal cash, decimal tds = 0m, string? remittance = null, params RequestedAllocation[] allocations) =>
        new(cash, tds, new DateOnly(2026, 11, 1), remittance, allocations);

    [Fact]
    public void Without_instructions_the_oldest_due_invoices_are_settled_first_and_the_last_partly()
    {
        var result = PaymentAllocator.Allocate(Payment(1200m), Open);

        Assert.True(result.IsValid);
        Assert.Equal([("INV-1", 1000m), ("INV-2", 200m)], result.Allocations.Select(a => (a.InvoiceNumber, a.Cash)));
        Assert.Equal(0m, result.UnappliedCash);
    }

    [Fact]
    public void Invoices_named_in_the_remittance_are_settled_before_the_oldest()
    {
        var result = PaymentAllocator.Allocate(Payment(1000m, remittance: "NEFT UTR 1234 towards inv-3 and part of INV-2"), Open);

        Assert.Equal([("INV-3", 700m), ("INV-2", 300m)], result.Allocations.Select(a => (a.InvoiceNumber, a.Cash)));
    }

    [Fact]
    public void A_number_inside_a_longer_reference_is_not_taken_for_an_invoice()
    {
        var result = PaymentAllocator.Allocate(Payment(100m, remittance: "ref XINV-3 / INV-30"), Open);

        Assert.Equal("INV-1", Assert.Single(result.Allocations).InvoiceNumber);
    }

    [Fact]
    public void Explicit_allocations_are_applied_as_given_and_the_rest_stays_on_account()
    {
        var result = PaymentAllocator.Allocate(Payment(1000m, allocations: [new("INV-3", 700m), new("INV-2", 100m)]), Open);

        Assert.Equal([("INV-3", 700m), ("INV-2", 100m)], result.Allocations.Select(a => (a.InvoiceNumber, a.Cash)));
        Assert.Equal(200m, result.UnappliedCash);
    }

    [Fact]
    public void Explicit_allocations_that_cannot_be_applied_name_the_allocation_and_apply_nothing()
    {
        var unknown = PaymentAllocator.Allocate(Payment(1000m, allocations: [new("INV-9", 10m)]), Open);
        Assert.Contains("allocations[0].invoiceNumber", unknown.Errors.Keys);
        Assert.Empty(unknown.Allocations);

        var tooMuch = PaymentAllocator.Allocate(Payment(1000m, allocations: [new("INV-2", 600m)]), Open);
        Assert.Contains("allocations[0].amount", tooMuch.Errors.Keys);

        var overPayment = PaymentAllocator.Allocate(Payment(100m, allocations: [new("INV-1", 100m), new("INV-2", 50m)]), Open);
        Assert.Contains("allocations", overPayment.Errors.Keys);

        var twice = PaymentAllocator.Allocate(Payment(100m, allocations: [new("INV-1", 10m), new("inv-1", 10m)]), Open);
        Assert.Contains("allocations[1].invoiceNumber", twice.Errors.Keys);
    }

    [Fact]
    public void An_overpayment_settles_everything_and_keeps_the_rest_as_unapplied_cash()
    {
        var result = PaymentAllocator.Allocate(Payment(2500m), Open);

        Assert.Equal(2200m, result.Allocations.Sum(a => a.Settled));
        Assert.Equal(300m, result.UnappliedCash);
    }

    [Fact]
    public void TDS_deducted_by_the_customer_settles_the_invoice_like_cash()
    {
        var invoice = Invoice("INV-10", new(2026, 9, 1), new(2026, 10, 1), 10_000m);
        var result = PaymentAllocator.Allocate(Payment(9_800m, tds: 200m), [invoice]);

        var allocation = Assert.Single(result.Allocations);
        Assert.Equal((9_800m, 200m, 10_000m), (allocation.Cash, allocation.Tds, allocation.Settled));
        Assert.Equal(0m, result.UnappliedCash);
    }

    [Fact]
    public void TDS_over_several_invoices_is_spread_in_proportion_to_the_paisa()
    {
        var a = Invoice("A", new(2026, 9, 1), new(2026, 10, 1), 333.33m);
        var b = Invoice("B", new(2026, 9, 2), new(2026, 10, 2), 666.67m);
        var result = PaymentAllocator.Allocate(Payment(990m, tds: 10m), [a, b]);

        Assert.Equal(10m, result.Allocations.Sum(x => x.Tds));
        Assert.Equal(990m, result.Allocations.Sum(x => x.Cash));
        Assert.Equal([333.33m, 666.67m], result.Allocations.Select(x => x.Settled));
        Assert.Equal(3.33m, result.Allocations[0].Tds);
    }

    [Fact]
    public void Paid_within_the_discount_window_net_of_the_discount_the_invoice_takes_the_discount_and_is_settled()
    {
        // "2/10 net 30": 2% off if paid within 10 days.
        var invoice = Invoice("INV-20", new(2026, 9, 1), new(2026, 10, 1), 10_000m, discount: new DiscountTerms(2m, 10));
        var onTime = PaymentAllocator.Allocate(new PaymentToAllocate(9_800m, 0m, new(2026, 9, 11), null, null), [invoice]);

        var allocation = Assert.Single(onTime.Allocations);
        Assert.Equal((9_800m, 200m, 10_000m), (allocation.Cash, allocation.Discount, allocation.Settled));

        var late = PaymentAllocator.Allocate(new PaymentToAllocate(9_800m, 0m, new(2026, 9, 12), null, null), [invoice]);
        Assert.Equal((9_800m, 0m), (late.Allocations[0].Cash, late.Allocations[0].Discount));

        var short_ = PaymentAllocator.Allocate(new PaymentToAllocate(9_000m, 0m, new(2026, 9, 5), null, null), [invoice]);
        Assert.Equal((9_000m, 0m), (short_.Allocations[0].Cash, short_.Allocations[0].Discount));
    }

    [Fact]
    public void Over_random_payments_nothing_is_settled_beyond_what_is_open_and_every_rupee_is_accounted_for()
    {
        var random = new Random(20261122);
        for (var run = 0; run < 2000; run++)
        {
            var invoices = Enumerable.Range(0, random.Next(0, 8)).Select(i =>
            {
                var amount = random.Next(1, 100_000) / 100m;
                var open = random.Next(3) == 0 ? decimal.Round(amount * (decimal)random.NextDouble(), 2) : amount;
                var date = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 300));
                return Invoice($"N-{i}", date, date.AddDays(30), amount, open, random.Next(2) == 0 ? new DiscountTerms(2m, 10) : null);
            }).ToList();
            var cash = random.Next(0, 200_000) / 100m;
            var tds = random.Next(3) == 0 ? random.Next(0, 5_000) / 100m : 0m;
            var payment = new PaymentToAllocate(cash, tds, new DateOnly(2026, 1, 1).AddDays(random.Next(0, 330)),
                invoices.Count > 0 && random.Next(2) == 0 ? $"paying {invoices[random.Next(invoices.Count)].Number}" : null, null);

            var result = PaymentAllocator.Allocate(payment, invoices);

            Assert.True(result.IsValid);
            Assert.Equal(cash, result.Allocations.Sum(a => a.Cash) + result.UnappliedCash);
            Assert.True(result.Allocations.Sum(a => a.Tds) <= tds);
            Assert.True(result.UnappliedCash >= 0m);
            foreach (var allocation in result.Allocations)
            {
                var invoice = invoices.Single(i => i.Id == allocation.InvoiceId);
                Assert.True(allocation.Settled <= invoice.OpenAmount, $"run {run}: {allocation} settles more than {invoice.OpenAmount}");
                Assert.True(allocation.Cash >= 0m && allocation.Tds >= 0m && allocation.Discount >= 0m, $"run {run}: {allocation}");
            }

            Assert.Equal(result.Allocations.Count, result.Allocations.Select(a => a.InvoiceId).Distinct().Count());
        }
    }
}
