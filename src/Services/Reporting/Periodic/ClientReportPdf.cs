using ArPlatform.BuildingBlocks.Time;
using System.Globalization;
using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.BuildingBlocks.Pdf;
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

    private sealed class Layout : IDisposable
    {
        private const double Margin = 40;
        private const double CellPadding = 3;
        private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
        private static readonly XColor Shade = XColor.FromArgb(0xEE, 0xEE, 0xEE);
        private static readonly XColor Rule = XColor.FromArgb(0xC8, 0xC8, 0xC8);
        private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Automatic);

        private readonly XFont _body = new(PdfFonts.Family, 8.5, XFontStyleEx.Regular, FontOptions);
        private readonly XFont _bold = new(PdfFonts.Family, 8.5, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _heading = new(PdfFonts.Family, 12, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _title = new(PdfFonts.Family, 16, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _small = new(PdfFonts.Family, 7.5, XFontStyleEx.Regular, FontOptions);
        private readonly XBrush _ink = new XSolidBrush(XColor.FromArgb(0x22, 0x22, 0x22));
        private readonly PdfDocument _document;
        private readonly ClientReport _report;
        private PdfPage _page = null!;
        private XGraphics _graphics = null!;
        private double _y;

        public Layout(PdfDocument document, ClientReport report)
        {
            (_document, _report) = (document, report);
            NewPage();
        }

        private double Width => _page.Width.Point - 2 * Margin;

        private double Bottom => _page.Height.Point - Margin - 14;

        private static double LineHeight(XFont font) => font.GetHeight() * 1.2;

        public void Title()
        {
            Text(_report.Title, _title, new XSolidBrush(Accent));
            Text($"{_report.PeriodText} · generated {India.Time(_report.GeneratedAt):dd MMM yyyy HH:mm} IST", _body, _ink);
            _y += 4;
            _graphics.DrawLine(new XPen(Accent, 1), Margin, _y, Margin + Width, _y);
            _y += 8;
            foreach (var line in _report.Headline)
            {
                Text(line, _body, _ink);
            }

            _y += 6;
        }

        public void Section(ClientReportSection section)
        {
            EnsureSpace(LineHeight(_heading) + 4 * LineHeight(_body));
            _y += 6;
            Text(section.Sheet, _heading, new XSolidBrush(Accent));
            Text(section.Description, _small, _ink);
            _y += 2;
            var header = section.Columns.Select(c => c.Name).ToArray();
            var rows = section.Rows.Select(r => r.Select(Cell).ToArray()).ToList();
            if (rows.Count == 0)
            {
                Text("(none)", _body, _ink);
                return;
            }

            var widths = Widths(header, rows);
            var height = LineHeight(_body) + 2 * CellPadding;
            Row(header, section, widths, height, head: true);
            foreach (var row in rows)
            {
                if (_y + height > Bottom)
                {
                    NewPage();
                    Row(header, section, widths, height, head: true);
                }

                Row(row, section, widths, height, head: false);
            }
        }

        // Each column as wide as its widest cell (of the first rows), scaled to the page when they do not all fit.
        private double[] Widths(string[] header, List<string[]> rows)
        {
            var widths = header.Select((h, i) => Math.Max(_graphics.MeasureString(h, _bold).Width,
                rows.Take(200).Select(r => _graphics.MeasureString(r[i], _body).Width).DefaultIfEmpty(0).Max()) + 2 * CellPadding + 6).ToArray();
            var scale = Math.Min(1, Width / widths.Sum());
            return [.. widths.Select(w => w * scale)];
        }

        private void Row(string[] cells, ClientReportSection section, double[] widths, double height, bool head)
        {
            if (head)
            {
                _graphics.DrawRectangle(new XSolidBrush(Shade), Margin, _y, widths.Sum(), height);
            }

            var x = Margin;
            for (var i = 0; i < widths.Length; i++)
            {
                var font = head ? _bold : _body;
                var box = new XRect(x + CellPadding, _y + CellPadding, widths[i] - 2 * CellPadding, height - 2 * CellPadding);
                _graphics.DrawString(PdfText.Fit(_graphics, cells[i], font, box.Width), font, _ink, box,
                    section.Columns[i].IsNumber ? XStringFormats.TopRight : XStringFormats.TopLeft);
                x += widths[i];
            }

            _y += height;
            _graphics.DrawLine(new XPen(Rule, 0.4), Margin, _y, Margin + widths.Sum(), _y);
        }

        private void Text(string text, XFont font, XBrush brush)
        {
            var height = LineHeight(font);
            EnsureSpace(height);
            _graphics.DrawString(PdfText.Fit(_graphics, text, font, Width), font, brush, new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
            _y += height;
        }

        private void EnsureSpace(double height)
        {
            if (_y + height > Bottom)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = _document.AddPage();
            _page.Size = PageSize.A4;
            _page.Orientation = PageOrientation.Landscape;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        public void Footers()
        {
            _graphics.Dispose();
            for (var i = 0; i < _document.PageCount; i++)
            {
                var page = _document.Pages[i];
                using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var box = new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, LineHeight(_small));
                var grey = new XSolidBrush(XColor.FromArgb(0x70, 0x70, 0x70));
                graphics.DrawString($"{_report.Client} · {_report.PeriodText}", _small, grey, box, XStringFormats.TopLeft);
                graphics.DrawString($"Page {i + 1} of {_document.PageCount}", _small, grey, box, XStringFormats.TopRight);
            }
        }

        public void Dispose() => _graphics.Dispose();
    }
}
