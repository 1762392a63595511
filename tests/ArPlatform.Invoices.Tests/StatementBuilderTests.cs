using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Statements;

namespace ArPlatform.Invoices.Tests;

/// <summary>The statement identity and running balance, over random ledgers.</summary>
public sealed class StatementBuilderTests
{
    private static readonly string[] Kinds =
        [LedgerKinds.Invoice, LedgerKinds.Cash, LedgerKinds.Tds, LedgerKinds.Discount, LedgerKinds.Unapplied, LedgerKinds.Reversal,
         LedgerKinds.CreditNote, LedgerKinds.DebitNote, LedgerKinds.WriteOff, LedgerKinds.Cancellation];

    [Fact]
    public void Opening_plus_debits_minus_credits_is_closing_and_closing_is_every_entry_to_the_period_end()
    {
        for (var seed = 1; seed <= 500; seed++)
        {
            try
            {
                CheckRandomLedger(seed);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Random ledger with seed {seed}: {e.Message}");
            }
        }
    }

    private static void CheckRandomLedger(int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2026, 1, 1);
        var invoices = Enumerable.Range(0, random.Next(1, 8)).Select(i => (Id: Guid.NewGuid(), Number: $"INV-{i}", Due: start.AddDays(random.Next(0, 200)))).ToList();
        var payments = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Guid.NewGuid()).ToList();
        var entries = Enumerable.Range(0, random.Next(0, 60)).Select(_ =>
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var invoice = invoices[random.Next(invoices.Count)];
            var onAccount = kind == LedgerKinds.Unapplied || (kind == LedgerKinds.CreditNote && random.Next(3) == 0);
            var payment = kind is LedgerKinds.Cash or LedgerKinds.Tds or LedgerKinds.Discount or LedgerKinds.Unapplied or LedgerKinds.Reversal && payments.Count > 0
                ? payments[random.Next(payments.Count)] : (Guid?)null;
            var amount = random.Next(-500_000, 500_000) / 100m;
            return new StatementEntry(start.AddDays(random.Next(0, 365)), DateTimeOffset.UnixEpoch.AddSeconds(random.Next()), kind, amount,
                onAccount ? null : invoice.Id, onAccount ? null : invoice.Number, onAccount ? null : invoice.Due, payment, payment is null ? null : "UTR1", "NEFT",
                kind is LedgerKinds.CreditNote or LedgerKinds.DebitNote ? Guid.NewGuid() : null, "CN-1");
        }).ToList();
        var from = start.AddDays(random.Next(0, 200));
        var to = from.AddDays(random.Next(0, 200));

        var statement = StatementBuilder.Build(Guid.NewGuid(), "C-1", from, to, entries, AgingBuckets.DefaultUpperBounds);

        Assert.Equal(statement.ClosingBalance, statement.OpeningBalance + statement.TotalDebits - statement.TotalCredits);
        Assert.Equal(entries.Where(e => e.EffectiveDate < from).Sum(e => e.Amount), statement.OpeningBalance);
        Assert.Equal(entries.Where(e => e.EffectiveDate <= to).Sum(e => e.Amount), statement.ClosingBalance);
        var running = statement.OpeningBalance;
        foreach (var line in statement.Lines)
        {
            Assert.True(line.Date >= from && line.Date <= to);
            Assert.True(line.Debit == 0 || line.Credit == 0);
            running += line.Debit - line.Credit;
            Assert.Equal(running, line.Balance);
        }

        // What the aging shows plus the credit on account is the closing balance.
        Assert.Equal(statement.ClosingBalance, statement.Aging.Sum(b => b.Amount) - statement.UnappliedCredit);
    }

    [Fact]
    public void A_payment_spread_over_invoices_is_one_line_and_cash_applied_later_nets_to_nothing()
    {
        var customer = Guid.NewGuid();
        var (a, b, payment) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var d = new DateOnly(2026, 3, 1);
        var t = DateTimeOffset.UnixEpoch;
        StatementEntry E(DateOnly date, string kind, decimal amount, Guid? invoice, string? number, Guid? paymentId) =>
            new(date, t = t.AddMinutes(1), kind, amount, invoice, number, invoice is null ? null : d.AddDays(30), paymentId, paymentId is null ? null : "UTR9", "RTGS", null, null);
        var entries = new[]
        {
            E(d, LedgerKinds.Invoice, 1000m, a, "A", null),
            E(d.AddDays(5), LedgerKinds.Invoice, 500m, b, "B", null),
            E(d.AddDays(10), LedgerKinds.Cash, -990m, a, "A", payment),
            E(d.AddDays(10), LedgerKinds.Tds, -10m, a, "A", payment),
            E(d.AddDays(10), LedgerKinds.Unapplied, -300m, null, null, payment),
            E(d.AddDays(12), LedgerKinds.Unapplied, 300m, null, null, payment), // applied to B later
            E(d.AddDays(12), LedgerKinds.Cash, -300m, b, "B", payment),
        };

        var s = StatementBuilder.Build(customer, "C", d, d.AddDays(60), entries, AgingBuckets.DefaultUpperBounds);

        Assert.Equal(["Invoice", "Invoice", "Payment", "TDS deducted"], s.Lines.Select(l => l.Type));
        Assert.Equal(1290m, s.Lines[2].Credit); // cash received: 990 applied + 300 on account
        Assert.Equal("RTGS UTR9", s.Lines[2].Reference);
        Assert.Equal(200m, s.ClosingBalance);
        Assert.Equal(200m, s.Aging.Single(x => x.Label == "1-30").Amount); // B, due 2026-03-31: 30 days past due on 2026-04-30
        Assert.Equal(0m, s.UnappliedCredit);
    }

    [Fact]
    public void What_is_open_is_aged_in_the_tenants_buckets()
    {
        var to = new DateOnly(2026, 12, 31);
        var customer = Guid.NewGuid();
        StatementEntry Invoice(int daysPastDue, decimal amount) =>
            new(to.AddDays(-60), DateTimeOffset.UnixEpoch, LedgerKinds.Invoice, amount, Guid.NewGuid(), "I" + daysPastDue, to.AddDays(-daysPastDue), null, null, null, null, null);

        var statement = StatementBuilder.Build(customer, "C", to.AddDays(-60), to,
            [Invoice(-3, 1m), Invoice(0, 2m), Invoice(1, 4m), Invoice(15, 8m), Invoice(16, 16m), Invoice(45, 32m), Invoice(90, 64m), Invoice(91, 128m)],
            [0, 15, 45, 90]);

        Assert.Equal(["Not due", "1-15", "16-45", "46-90", "90+"], statement.Aging.Select(b => b.Label));
        Assert.Equal([3m, 12m, 48m, 64m, 128m], statement.Aging.Select(b => b.Amount));
    }

    [Fact]
    public void The_CSV_statement_writes_text_that_starts_like_a_formula_as_quoted_text_and_amounts_as_numbers()
    {
        var day = new DateOnly(2026, 10, 5);
        var invoice = Guid.NewGuid();
        StatementEntry Entry(string kind, decimal amount, string? invoiceNumber, string? document) =>
            new(day, DateTimeOffset.UnixEpoch, kind, amount, invoice, invoiceNumber, day.AddDays(30), null, null, null, document is null ? null : Guid.NewGuid(), document);
        var statement = StatementBuilder.Build(Guid.NewGuid(), "C-1", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31),
        [
            Entry(LedgerKinds.Invoice, 1000m, "=1+2", null),
            Entry(LedgerKinds.CreditNote, -1500m, "=1+2", "-2+3+cmd|' /C calc'!A0"),
            Entry(LedgerKinds.CreditNote, -300m, "=1+2", "@SUM(A1:A9)"),
            Entry(LedgerKinds.CreditNote, -200m, "=1+2", "\t+1"),
        ], AgingBuckets.DefaultUpperBounds);

        var csv = StatementFormats.ToCsv(statement);

        Assert.Contains("\"'=1+2\"", csv);
        Assert.Contains("\"'-2+3+cmd|' /C calc'!A0\"", csv);
        Assert.Contains("\"'@SUM(A1:A9)\"", csv);
        Assert.Contains("\"'\t+1\"", csv);
        Assert.DoesNotContain(",=", csv);
        var closing = csv.TrimEnd().Split('\n')[^1];
        Assert.EndsWith(",1000.00,2000.00,-1000.00", closing.TrimEnd('\r')); // the platform's own amounts stay numbers
    }
}
