using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ArPlatform.BuildingBlocks.Pdf;

/// <summary>Where a document's pages put their text: margins, where the text ends and the footer starts, line spacing.</summary>
/// <param name="Margin">Left, right and top, in points.</param>
/// <param name="BottomMargin">From the bottom edge to where the text must end.</param>
/// <param name="FooterFromBottom">From the bottom edge to the top of the footer line.</param>
/// <param name="LineSpacing">A line's height as a multiple of its font's.</param>
/// <param name="Orientation">Portrait (letters) or landscape (wide tables).</param>
public sealed record PdfPageSetup(double Margin, double BottomMargin, double FooterFromBottom, double LineSpacing, PageOrientation Orientation = PageOrientation.Portrait);

/// <summary>How a table's rows are drawn: the fonts of the cells, the space around a cell's text, the rule under each row.</summary>
public sealed record PdfTableStyle(XFont Body, XFont Bold, double CellPadding, double RuleWidth);

/// <summary>One cell of a table row.</summary>
public sealed record PdfCell(string Text, bool RightAligned = false, bool Bold = false);

/// <summary>A table row: a head row is shaded (and repeated on each page its table continues on), a foot row has a rule above it.</summary>
public sealed record PdfRow(IReadOnlyList<PdfCell> Cells, PdfRowKind Kind = PdfRowKind.Body);

public enum PdfRowKind
{
    Head,
    Body,
    Foot,
}

/// <summary>
/// Writes a document's A4 pages top to bottom (PDFsharp, ADR 0018): keeps the position on the page, starts a page when
/// what comes next does not fit, draws table rows (a cell's text cut to its column), and when the document is done
/// writes each page's footer with "Page n of m". What a document draws itself (a letterhead, wrapped paragraphs) it
/// draws with <see cref="Graphics"/> at <see cref="Y"/>.
/// </summary>
public sealed class PdfPageWriter : IDisposable
{
    private readonly PdfDocument _document;
    private readonly PdfPageSetup _layout;
    private readonly Action<PdfPageWriter>? _continued;
    private readonly XBrush _ink = new XSolidBrush(PdfColors.Ink);
    private PdfPage _page = null!;

    /// <param name="document">The document the pages are added to; the first is added now.</param>
    /// <param name="layout">The pages' margins and line spacing.</param>
    /// <param name="continued">Draws what heads every page after the first (e.g. "continued"), from <see cref="Y"/> on.</param>
    public PdfPageWriter(PdfDocument document, PdfPageSetup layout, Action<PdfPageWriter>? continued = null)
    {
        (_document, _layout, _continued) = (document, layout, continued);
        NewPage();
    }

    public XGraphics Graphics { get; private set; } = null!;

    /// <summary>Where the next thing is drawn, from the top of the page.</summary>
    public double Y { get; set; }

    public double Margin => _layout.Margin;

    /// <summary>The width between the margins.</summary>
    public double Width => _page.Width.Point - 2 * _layout.Margin;

    /// <summary>Where the text must end.</summary>
    public double Bottom => _page.Height.Point - _layout.BottomMargin;

    public double LineHeight(XFont font) => font.GetHeight() * _layout.LineSpacing;

    /// <summary>Starts a page unless <paramref name="height"/> still fits on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void NewPage()
    {
        Graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        if (_layout.Orientation != PageOrientation.Portrait)
        {
            _page.Orientation = _layout.Orientation;
        }

        Graphics = XGraphics.FromPdfPage(_page);
        Y = _layout.Margin;
        if (_document.PageCount > 1)
        {
            _continued?.Invoke(this);
        }
    }

    /// <summary>
    /// The rows under the head rows, which are drawn again at the top of each page the table continues on. With
    /// <paramref name="keepHeadWithARow"/>, a head row starts a page when a row would not fit below it.
    /// </summary>
    public void Table(IReadOnlyList<PdfRow> head, IEnumerable<PdfRow> body, IReadOnlyList<double> widths, PdfTableStyle style, bool keepHeadWithARow)
    {
        var height = RowHeight(style);
        foreach (var row in head)
        {
            if (keepHeadWithARow)
            {
                EnsureSpace(height * 2);
            }

            Row(row, widths, style);
        }

        foreach (var row in body)
        {
            if (Y + height > Bottom)
            {
                NewPage();
                foreach (var repeated in head)
                {
                    Row(repeated, widths, style);
                }
            }

            Row(row, widths, style);
        }
    }

    public double RowHeight(PdfTableStyle style) => LineHeight(style.Body) + 2 * style.CellPadding;

    /// <summary>One row at <see cref="Y"/>, each cell's text cut to its column; a rule under it.</summary>
    public void Row(PdfRow row, IReadOnlyList<double> widths, PdfTableStyle style)
    {
        var height = RowHeight(style);
        var width = widths.Sum();
        if (row.Kind == PdfRowKind.Head)
        {
            Graphics.DrawRectangle(new XSolidBrush(PdfColors.Shade), _layout.Margin, Y, width, height);
        }

        if (row.Kind == PdfRowKind.Foot)
        {
            Graphics.DrawLine(new XPen(PdfColors.Ink, 0.8), _layout.Margin, Y, _layout.Margin + width, Y);
        }

        var x = _layout.Margin;
        for (var i = 0; i < widths.Count && i < row.Cells.Count; i++)
        {
            var cell = row.Cells[i];
            var font = cell.Bold ? style.Bold : style.Body;
            var box = new XRect(x + style.CellPadding, Y + style.CellPadding, widths[i] - 2 * style.CellPadding, height - 2 * style.CellPadding);
            Graphics.DrawString(PdfText.Fit(Graphics, cell.Text, font, box.Width), font, _ink, box, cell.RightAligned ? XStringFormats.TopRight : XStringFormats.TopLeft);
            x += widths[i];
        }

        Y += height;
        Graphics.DrawLine(new XPen(PdfColors.Rule, style.RuleWidth), _layout.Margin, Y, _layout.Margin + width, Y);
    }

    /// <summary>On every page, once the number of pages is known: <paramref name="text"/> on the left, "Page n of m" on the right.</summary>
    public void Footers(string text, XFont font)
    {
        Graphics.Dispose();
        var grey = new XSolidBrush(PdfColors.Footer);
        for (var i = 0; i < _document.PageCount; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var box = new XRect(_layout.Margin, page.Height.Point - _layout.FooterFromBottom, page.Width.Point - 2 * _layout.Margin, LineHeight(font));
            graphics.DrawString(text, font, grey, box, XStringFormats.TopLeft);
            graphics.DrawString($"Page {i + 1} of {_document.PageCount}", font, grey, box, XStringFormats.TopRight);
        }
    }

    // XGraphics tolerates a second Dispose (after Footers).
    public void Dispose() => Graphics.Dispose();
}
