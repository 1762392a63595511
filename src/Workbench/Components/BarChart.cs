using System.Globalization;
using System.Net;
using System.Text;
using ArPlatform.BuildingBlocks.Formatting;

namespace ArPlatform.Workbench.Components;

/// <summary>Horizontal bars as SVG markup, every value HTML-encoded: the workbench's charts, drawn on the server.</summary>
public static class BarChart
{
    private const int RowHeight = 26;
    private const int LabelSpace = 72;
    private const int BarSpace = 230;

    /// <summary>Narrow enough to keep its 12-unit text readable on a phone's width (a crore's figure fits after the longest bar).</summary>
    private const int Width = 440;

    public static string Svg(string title, IReadOnlyList<(string Label, decimal Amount)> bars, string unit = "")
    {
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Amount);
        var summary = $"{title}: " + string.Join("; ", bars.Select(b => $"{b.Label}{unit} {IndianMoney.Format(b.Amount)}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {bars.Count * RowHeight + 4}\" class=\"bars\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(summary)}\" width=\"100%\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, amount) = bars[i];
            var y = i * RowHeight + 2;
            var length = max <= 0 ? 0 : (double)(Math.Max(0, amount) / max) * BarSpace;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\" class=\"label\">{WebUtility.HtmlEncode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelSpace}\" y=\"{y}\" width=\"{length:0.#}\" height=\"20\" rx=\"2\" class=\"bar b{i}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelSpace + length + 6:0.#}\" y=\"{y + 15}\" class=\"value\">{WebUtility.HtmlEncode(IndianMoney.Format(amount))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
