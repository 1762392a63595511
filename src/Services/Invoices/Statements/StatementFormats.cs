using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ArPlatform.ServiceDefaults.Http;

namespace ArPlatform.Invoices.Statements;

/// <summary>A statement as CSV and as printable HTML.</summary>
public static class StatementFormats
{
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
