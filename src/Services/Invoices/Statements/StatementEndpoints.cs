using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Statements;

public static class StatementEndpoints
{
    public static void MapStatementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/statements/{customerId:guid}/monthly/{month}", GetMonthlyAsync).WithTags("Statements").RequireTenantScope(Scopes.InvoicesRead)
            .WithName("GetMonthlyStatement")
            .WithSummary("The statement the monthly job produced for a customer and month (yyyy-MM), as it was issued.");
        app.MapGet("/api/v1/statements/{customerId:guid}", GetAsync).WithTags("Statements").RequireTenantScope(Scopes.InvoicesRead)
            .WithName("GetStatement")
            .WithSummary("A customer's statement for a period (default: this month to date): balance forward, every invoice, note, payment, " +
                         "discount, TDS and reversal with a running balance, closing balance and aging. format=json (default), csv or html " +
                         "(or by the Accept header).")
            .Produces<Statement>().Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetMonthlyAsync(Guid customerId, string month, InvoicesDbContext db)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return new Validation().Add("month", "must be a month as yyyy-MM, e.g. 2026-10.").Problem();
        }

        var body = await db.MonthlyStatements.AsNoTracking().Where(s => s.CustomerId == customerId && s.Month == first).Select(s => s.Body).SingleOrDefaultAsync();
        return body is null ? TypedResults.NotFound() : TypedResults.Content(body, "application/json");
    }

    private static async Task<IResult> GetAsync(Guid customerId, DateOnly? from, DateOnly? to, string? format, HttpRequest http, InvoicesDbContext db, TimeProvider clock)
    {
        var end = to ?? BusinessDate.Today(clock);
        var start = from ?? new DateOnly(end.Year, end.Month, 1);
        format ??= http.Headers.Accept.ToString() switch
        {
            var a when a.Contains("text/csv", StringComparison.OrdinalIgnoreCase) => "csv",
            var a when a.Contains("text/html", StringComparison.OrdinalIgnoreCase) => "html",
            _ => "json",
        };
        var validation = new Validation()
            .When(start > end, "from", "must be on or before to.")
            .When(end.DayNumber - start.DayNumber > 3660, "from", "the period must be at most ten years.")
            .When(format is not ("json" or "csv" or "html"), "format", "must be json, csv or html.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId);
        var hasLedger = customer is not null || await db.Ledger.AnyAsync(l => l.CustomerId == customerId);
        if (!hasLedger)
        {
            return TypedResults.NotFound();
        }

        var statement = StatementBuilder.Build(customerId, customer?.Code, start, end, await EntriesAsync(db, customerId, end));
        return format switch
        {
            "csv" => TypedResults.File(Encoding.UTF8.GetBytes(ToCsv(statement)), "text/csv; charset=utf-8", FileName(statement, "csv")),
            "html" => TypedResults.Content(ToHtml(statement), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(statement),
        };
    }

    /// <summary>The customer's ledger up to <paramref name="to"/>, each entry with its invoice, payment or note reference.</summary>
    public static async Task<List<StatementEntry>> EntriesAsync(InvoicesDbContext db, Guid customerId, DateOnly to) =>
        await (from l in db.Ledger.AsNoTracking()
               where l.CustomerId == customerId && l.EffectiveDate <= to
               join i in db.Invoices on l.InvoiceId equals i.Id into invoices
               from i in invoices.DefaultIfEmpty()
               join p in db.Payments on l.PaymentId equals p.Id into payments
               from p in payments.DefaultIfEmpty()
               join c in db.CreditNotes on l.DocumentId equals c.Id into credits
               from c in credits.DefaultIfEmpty()
               join d in db.DebitNotes on l.DocumentId equals d.Id into debits
               from d in debits.DefaultIfEmpty()
               select new StatementEntry(l.EffectiveDate, l.RecordedAt, l.Kind, l.Amount, l.InvoiceId, i != null ? i.Number : null,
                   i != null ? i.DueDate : null, l.PaymentId, p != null ? p.Reference : null, p != null ? p.Mode : null, l.DocumentId,
                   c != null ? c.Number : d != null ? d.Number : null))
            .ToListAsync();

    private static string FileName(Statement s, string extension) =>
        $"statement-{s.CustomerCode ?? s.CustomerId.ToString()}-{s.From:yyyyMMdd}-{s.To:yyyyMMdd}.{extension}";

    public static string ToCsv(Statement statement)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvExport(writer);
        foreach (var header in new[] { "date", "type", "reference", "invoice", "debit", "credit", "balance" })
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        void Row(string date, string type, string reference, string? invoice, decimal? debit, decimal? credit, decimal balance)
        {
            csv.WriteField(date);
            csv.WriteField(type);
            csv.WriteField(reference);
            csv.WriteField(invoice);
            csv.WriteAmount(debit);
            csv.WriteAmount(credit);
            csv.WriteAmount(balance);
            csv.NextRecord();
        }

        Row(statement.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Opening balance", "", null, null, null, statement.OpeningBalance);
        foreach (var line in statement.Lines)
        {
            Row(line.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), line.Type, line.Reference, line.InvoiceNumber,
                line.Debit == 0 ? null : line.Debit, line.Credit == 0 ? null : line.Credit, line.Balance);
        }

        Row(statement.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Closing balance", "", null, statement.TotalDebits, statement.TotalCredits,
            statement.ClosingBalance);
        csv.Flush();
        return writer.ToString();
    }

    private const string PrintCss =
        "body{font:13px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}" +
        "th,td{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}" +
        "@media print{body{margin:0}}";

    public static string ToHtml(Statement s)
    {
        var e = HtmlEncoder.Default;
        var inr = CultureInfo.GetCultureInfo("en-IN");
        string Money(decimal value) => value == 0 ? "" : value.ToString("N2", inr);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Statement {{e.Encode(s.CustomerCode ?? s.CustomerId.ToString())}}</title>
            <style>{{PrintCss}}</style></head><body>
            <h1>Statement of account</h1>
            <p>Customer <strong>{{e.Encode(s.CustomerCode ?? s.CustomerId.ToString())}}</strong>, {{s.From:dd MMM yyyy}} to {{s.To:dd MMM yyyy}} (INR)</p>
            <table><thead><tr><th>Date</th><th>Type</th><th>Reference</th><th>Invoice</th><th class="n">Debit</th><th class="n">Credit</th><th class="n">Balance</th></tr></thead><tbody>
            <tr><td>{{s.From:dd-MM-yyyy}}</td><td colspan="5">Opening balance</td><td class="n">{{s.OpeningBalance.ToString("N2", inr)}}</td></tr>
            """);
        foreach (var l in s.Lines)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{l.Date:dd-MM-yyyy}</td><td>{e.Encode(l.Type)}</td><td>{e.Encode(l.Reference)}</td><td>{e.Encode(l.InvoiceNumber ?? "")}</td>" +
                $"<td class=\"n\">{Money(l.Debit)}</td><td class=\"n\">{Money(l.Credit)}</td><td class=\"n\">{l.Balance.ToString("N2", inr)}</td></tr>\n");
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<tr><th>{s.To:dd-MM-yyyy}</th><th colspan=\"3\">Closing balance</th><th class=\"n\">{Money(s.TotalDebits)}</th><th class=\"n\">{Money(s.TotalCredits)}</th>" +
            $"<th class=\"n\">{s.ClosingBalance.ToString("N2", inr)}</th></tr></tbody></table>\n<h2>Aging on {s.To:dd MMM yyyy}</h2><table><tr>");
        foreach (var b in s.Aging)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"n\">{e.Encode(b.Label)}</th>");
        }

        html.Append("</tr><tr>");
        foreach (var b in s.Aging)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{b.Amount.ToString("N2", inr)}</td>");
        }

        html.Append("</tr></table>");
        if (s.UnappliedCredit != 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Unapplied credit on account: {s.UnappliedCredit.ToString("N2", inr)}</p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
