using System.Globalization;
using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.BuildingBlocks.Pdf;
using ArPlatform.BuildingBlocks.Time;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ArPlatform.Reporting.Periodic;

/// <summary>
/// A client report as a landscape A4 PDF (PDFsharp, ADR 0018): the title and period, the headline, then each section as
/// a heading, its description and its table, columns sized to their content, the heading row repeated on every page.
/// </summary>
public static class ClientReportPdf
{
    public static byte[] Render(ClientReport report)
    {
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Author = "ArPlatform";
        document.Info.Subject = report.PeriodText;
        document.Info.Creator = "ArPlatform Reporting";
        using (var layout = new Layout(document, report))
        {
            layout.Title();
            foreach (var section in report.Sections)
            {
                layout.Section(section);
            }

            layout.Footers();
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>A cell's text: amounts in Indian grouping with two decimals, counts without, dates and text as they are.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        int count => count.ToString("N0", CultureInfo.InvariantCulture),
        decimal amount => IndianMoney.FormatPlain(amount),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Writes a report top to bottom on the landscape pages of a <see cref="PdfPageWriter"/>.</summary>
    private sealed class Layout : IDisposable
    {
        private const double Margin = 40;
        private static readonly PdfPageSetup Page = new(Margin, BottomMargin: Margin + 14, FooterFromBottom: Margin, LineSpacing: 1.2, PageOrientation.Landscape);
        private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Automatic);

        private readonly XFont _body = new(PdfFonts.Family, 8.5, XFontStyleEx.Regular, FontOptions);
        private readonly XFont _bold = new(PdfFonts.Family, 8.5, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _heading = new(PdfFonts.Family, 12, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _title = new(PdfFonts.Family, 16, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _small = new(PdfFonts.Family, 7.5, XFontStyleEx.Regular, FontOptions);
        private readonly XBrush _ink = new XSolidBrush(PdfColors.Ink);
        private readonly ClientReport _report;
        private readonly PdfTableStyle _table;
        private readonly PdfPageWriter _pages;

        public Layout(PdfDocument document, ClientReport report)
        {
            _report = report;
            _table = new PdfTableStyle(_body, _bold, CellPadding: 3, RuleWidth: 0.4);
            _pages = new PdfPageWriter(document, Page);
        }

        private double Width => _pages.Width;

        private double LineHeight(XFont font) => _pages.LineHeight(font);

        public void Title()
        {
            Text(_report.Title, _title, new XSolidBrush(PdfColors.Accent));
            Text($"{_report.PeriodText} · generated {India.Time(_report.GeneratedAt):dd MMM yyyy HH:mm} IST", _body, _ink);
            _pages.Y += 4;
            _pages.Graphics.DrawLine(new XPen(PdfColors.Accent, 1), Margin, _pages.Y, Margin + Width, _pages.Y);
            _pages.Y += 8;
            foreach (var line in _report.Headline)
            {
                Text(line, _body, _ink);
            }

            _pages.Y += 6;
        }

        public void Section(ClientReportSection section)
        {
            _pages.EnsureSpace(LineHeight(_heading) + 4 * LineHeight(_body));
            _pages.Y += 6;
            Text(section.Sheet, _heading, new XSolidBrush(PdfColors.Accent));
            Text(section.Description, _small, _ink);
            _pages.Y += 2;
            var header = section.Columns.Select(c => c.Name).ToArray();
            var rows = section.Rows.Select(r => r.Select(Cell).ToArray()).ToList();
            if (rows.Count == 0)
            {
                Text("(none)", _body, _ink);
                return;
            }

            PdfRow Row(string[] cells, PdfRowKind kind) =>
                new([.. cells.Select((text, i) => new PdfCell(text, section.Columns[i].IsNumber, Bold: kind == PdfRowKind.Head))], kind);
            _pages.Table([Row(header, PdfRowKind.Head)], rows.Select(r => Row(r, PdfRowKind.Body)), Widths(header, rows), _table, keepHeadWithARow: false);
        }

        // Each column as wide as its widest cell (of the first rows), scaled to the page when they do not all fit.
        private double[] Widths(string[] header, List<string[]> rows)
        {
            var widths = header.Select((h, i) => Math.Max(_pages.Graphics.MeasureString(h, _bold).Width,
                rows.Take(200).Select(r => _pages.Graphics.MeasureString(r[i], _body).Width).DefaultIfEmpty(0).Max()) + 2 * _table.CellPadding + 6).ToArray();
            var scale = Math.Min(1, Width / widths.Sum());
            return [.. widths.Select(w => w * scale)];
        }

        private void Text(string text, XFont font, XBrush brush)
        {
            var height = LineHeight(font);
            _pages.EnsureSpace(height);
            _pages.Graphics.DrawString(PdfText.Fit(_pages.Graphics, text, font, Width), font, brush, new XRect(Margin, _pages.Y, Width, height), XStringFormats.TopLeft);
            _pages.Y += height;
        }

        public void Footers() => _pages.Footers($"{_report.Client} · {_report.PeriodText}", _small);

        public void Dispose() => _pages.Dispose();
    }
}
