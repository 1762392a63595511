using System.Globalization;
using System.Net;
using System.Text;

namespace ArPlatform.Workbench.Components;

/// <summary>
/// A point of a line: where it is drawn (<see cref="Plotted"/>; null leaves a gap), its figure (<see cref="Shown"/>, read
/// out in the image's label), the text written on the chart (<see cref="Tag"/>, the figure unless given), and a note
/// where the drawing is not the figure (a value held at an edge, or one that means nothing): the point is marked.
/// </summary>
public sealed record LinePoint(string Label, decimal? Plotted, string Shown, string? Note = null, string? Tag = null)
{
    public bool Marked => Note is not null;
}

/// <summary>A line over time as SVG markup, every value HTML-encoded and read out in the image's label: the workbench's trends.</summary>
public static class LineChart
{
    private const int Width = 560;
    private const int Height = 170;
    private const int Left = 40;
    private const int Top = 18;
    private const int PlotHeight = 110;

    /// <summary>Plain values: from zero (or lower, when a value is below it) to the highest; a missing value is "none".</summary>
    public static string Svg(string title, IReadOnlyList<(string Label, decimal? Value)> points, string unit) =>
        Svg(title, [.. points.Select(p => new LinePoint(p.Label, p.Value, p.Value is { } v ? Text(v, unit) : "none"))]);

    public static string Text(decimal value, string unit) => value.ToString("0.#", CultureInfo.InvariantCulture) + unit;

    /// <summary>
    /// The points from zero (or lower, when a value is below it) to the highest. A marked point is drawn hollow, in the
    /// overdue colour, and its note is its tooltip.
    /// </summary>
    public static string Svg(string title, IReadOnlyList<LinePoint> points)
    {
        var summary = $"{title}: " + string.Join("; ", points.Select(p => $"{p.Label} {p.Shown}"));
        var values = points.Where(p => p.Plotted is not null).Select(p => p.Plotted!.Value).ToList();
        var low = values.Count == 0 ? 0 : Math.Min(0, values.Min());
        var high = values.Count == 0 ? 1 : Math.Max(low + 1, values.Max());
        var step = points.Count <= 1 ? 0 : (Width - Left - 20) / (double)(points.Count - 1);
        (double X, double Y) At(int i, decimal value) => (Left + i * step, Top + PlotHeight - (double)((value - low) / (high - low)) * PlotHeight);
        var zero = At(0, 0).Y;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" class=\"trend\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(summary)}\" width=\"100%\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{zero:0.#}\" x2=\"{Width - 10}\" y2=\"{zero:0.#}\" class=\"axis\"></line>");
        var line = string.Join(" ", points.Select((p, i) => p.Plotted is { } v ? At(i, v) : ((double, double)?)null).Where(p => p is not null)
            .Select(p => FormattableString.Invariant($"{p!.Value.Item1:0.#},{p.Value.Item2:0.#}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" class=\"line\"></polyline>");
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var x = Left + i * step;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - 22}\" class=\"label\" text-anchor=\"middle\">{WebUtility.HtmlEncode(point.Label)}</text>");
            var tooltip = point.Note is { } note ? $"<title>{WebUtility.HtmlEncode($"{point.Label}: {point.Shown}: {note}")}</title>" : "";
            if (point.Plotted is { } value)
            {
                var (px, py) = At(i, value);
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:0.#}\" cy=\"{py:0.#}\" r=\"{(point.Marked ? 4 : 3)}\" class=\"dot{(point.Marked ? " marked" : "")}\">{tooltip}</circle>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px:0.#}\" y=\"{py - 6:0.#}\" class=\"value{(point.Marked ? " marked" : "")}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(point.Tag ?? point.Shown)}{tooltip}</text>");
            }
            else if (point.Marked)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{zero - 6:0.#}\" class=\"value marked\" text-anchor=\"middle\">{WebUtility.HtmlEncode(point.Tag ?? point.Shown)}{tooltip}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }
}
