using System.Text;
using System.Text.Encodings.Web;
using ArPlatform.BuildingBlocks.Formatting;

namespace ArPlatform.Collections.Communications;

/// <summary>The ready-made table of a message's items (<c>items_table</c>), shared by messages and letters.</summary>
internal static class ItemsTable
{
    /// <summary>The class of the HTML table, by which a letter finds where the template placed it.</summary>
    public const string CssClass = "ar-items";

    public static readonly string[] Headers = ["Invoice", "Due date", "Days overdue", "Amount due"];

    public static string DaysOverdue(int days) => days switch
    {
        > 0 => days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        0 => "Due today",
        _ => "Not yet due",
    };

    public static string Html(CommunicationModel model, HtmlEncoder encoder)
    {
        const string Cell = "padding:4px 8px;border:1px solid #d0d0d0";
        const string Left = Cell + ";text-align:left";
        const string Right = Cell + ";text-align:right";

        var html = new StringBuilder(256 + model.Items.Count * 256);
        html.Append("<table class=\"").Append(CssClass)
            .Append("\" style=\"border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:13px\">")
            .Append("<thead><tr style=\"background:#f0f0f0\">")
            .Append("<th style=\"").Append(Left).Append("\">").Append(Headers[0]).Append("</th>")
            .Append("<th style=\"").Append(Left).Append("\">").Append(Headers[1]).Append("</th>")
            .Append("<th style=\"").Append(Right).Append("\">").Append(Headers[2]).Append("</th>")
            .Append("<th style=\"").Append(Right).Append("\">").Append(Headers[3]).Append("</th>")
            .Append("</tr></thead><tbody>");
        foreach (var item in model.Items)
        {
            html.Append("<tr><td style=\"").Append(Left).Append("\">").Append(encoder.Encode(item.InvoiceNumber))
                .Append("</td><td style=\"").Append(Left).Append("\">").Append(IndianDate.Format(item.DueDate))
                .Append("</td><td style=\"").Append(Right).Append("\">").Append(DaysOverdue(item.DaysOverdue))
                .Append("</td><td style=\"").Append(Right).Append("\">")
                .Append(encoder.Encode(IndianMoney.Format(item.DunnedAmount))).Append("</td></tr>");
        }
        html.Append("</tbody><tfoot><tr style=\"font-weight:bold\">")
            .Append("<td colspan=\"3\" style=\"").Append(Left).Append("\">Total</td>")
            .Append("<td style=\"").Append(Right).Append("\">").Append(encoder.Encode(IndianMoney.Format(model.TotalDunned)))
            .Append("</td></tr></tfoot></table>");
        return html.ToString();
    }

    /// <summary>One line per item, for SMS templates that use <c>items_table</c>.</summary>
    public static string Plain(CommunicationModel model)
    {
        var text = new StringBuilder();
        foreach (var item in model.Items)
        {
            text.Append(item.InvoiceNumber).Append(" due ").Append(IndianDate.Format(item.DueDate)).Append(": ")
                .Append(IndianMoney.Format(item.DunnedAmount)).Append('\n');
        }
        return text.Append("Total: ").Append(IndianMoney.Format(model.TotalDunned)).ToString();
    }
}
