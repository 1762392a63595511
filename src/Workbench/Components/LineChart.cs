using System.Globalization;
using System.Net;
using System.Text;

namespace ArPlatform.Workbench.Components;

/// <summary>A line over time as SVG markup, every value HTML-encoded and read out in the image's label: the workbench's trends.</summary>
public static class LineChart
{
    private const int Width = 560;
    private const int Height = 170;
    private const int Left = 40;
    private const int Top = 18;
    private const int PlotHeight = 110;

    public static string Svg(string title, IReadOnlyList<(string Label, decimal? Value)> points, string unit)
    {
        string Text(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + unit;
        var summary = $"{title}: " + string.Join("; ", points.Select(p => $"{p.Label} {(p.Value is { } v ? Text(v) : "none")}"));
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var low = values.Count == 0 ? 0 : Math.Min(0, values.Min()); // from zero, or lower when a value is below it
        var high = values.Count == 0 ? 1 : Math.Max(low + 1, values.Max());
        var step = points.Count <= 1 ? 0 : (Width - Left - 20) / (double)(points.Count - 1);
        (double X, double Y) At(int i, decimal value) => (Left + i * step, Top + PlotHeight - (double)((value - low) / (high - low)) * PlotHeight);
        var zero = At(0, 0).Y;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(summary)}\" width=\"100%\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{zero:0.#}\" x2=\"{Width - 10}\" y2=\"{zero:0.#}\" class=\"axis\"></line>");
        var line = string.Join(" ", points.Select((p, i) => p.Value is { } v ? At(i, v) : ((double, double)?)null).Where(p => p is not null)
            .Select(p => FormattableString.Invariant($"{p!.Value.Item1:0.#},{p.Value.Item2:0.#}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" class=\"line\"></polyline>");
        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + i * step;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - 22}\" class=\"label\" text-anchor=\"middle\">{WebUtility.HtmlEncode(points[i].Label)}</text>");
            if (points[i].Value is { } value)
            {
                var (px, py) = At(i, value);
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:0.#}\" cy=\"{py:0.#}\" r=\"3\" class=\"dot\"></circle>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px:0.#}\" y=\"{py - 6:0.#}\" class=\"value\" text-anchor=\"middle\">{WebUtility.HtmlEncode(Text(value))}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }
}
