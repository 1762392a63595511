using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.BuildingBlocks.Pdf;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ArPlatform.Collections.Communications;

/// <summary>
/// A dunning letter as an A4 PDF (PDFsharp, ADR 0018): the client's name as letterhead, the date, the addressee, the
/// subject, the rendered body, the table of the items with their total, and the signature the template writes.
/// </summary>
public static class LetterPdf
{
    /// <summary>The letter of a rendered <c>letter</c> (or email) message for the model, as the bytes of a PDF file.</summary>
    /// <remarks>
    /// The body is read from the message's HTML (its text is <see cref="RenderedMessage.Text"/>), so that the items
    /// table is drawn as a table where the template wrote <c>{{ items_table }}</c>; a body without it gets the table
    /// at its end. A message without an HTML body is laid out from its text.
    /// </remarks>
    public static byte[] Render(CommunicationModel model, RenderedMessage message)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(message);
        PdfFonts.EnsureRegistered();

        using var document = new PdfDocument();
        document.Info.Title = message.Subject;
        document.Info.Author = model.ClientName;
        document.Info.Subject = $"{model.CustomerName} ({model.CustomerCode})";
        document.Info.Creator = "ArPlatform Collections";

        using (var letter = new Layout(document, model))
        {
            letter.Letterhead();
            letter.DateAndAddressee();
            letter.Subject(message.Subject);

            var blocks = HtmlText.ToBlocks(message.Body);
            if (blocks.Count == 0)
            {
                blocks = PlainBlocks(message.Text);
            }
            var itemsDrawn = false;
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case TableBlock { CssClass: ItemsTable.CssClass } when !itemsDrawn:
                        letter.InvoiceTable();
                        itemsDrawn = true;
                        break;
                    case TableBlock table:
                        letter.Table(table);
                        break;
                    case ParagraphBlock paragraph:
                        letter.Paragraph(paragraph.Lines);
                        break;
                }
            }
            if (!itemsDrawn)
            {
                letter.InvoiceTable();
            }
            letter.Footers();
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static List<TextBlock> PlainBlocks(string text) =>
        [.. text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new ParagraphBlock(p.Split('\n')))];

    /// <summary>Writes a letter page by page, top to bottom, starting a page when the next line does not fit.</summary>
    private sealed class Layout : IDisposable
    {
        private const double Margin = 56.7; // 2 cm
        private const double BottomMargin = 70;
        private const double CellPadding = 4;

        private static readonly XColor Ink = XColor.FromArgb(0x22, 0x22, 0x22);
        private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
        private static readonly XColor Rule = XColor.FromArgb(0xC8, 0xC8, 0xC8);
        private static readonly XColor Shade = XColor.FromArgb(0xEE, 0xEE, 0xEE);

        // Automatic: text PDF's standard encoding can write is written as text (searchable, copyable), the rest (₹) by glyph.
        private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Automatic);

        // Fonts are made per letter, not in static fields, so that none is made before the font resolver is registered.
        private readonly XFont _body = new(PdfFonts.Family, 10, XFontStyleEx.Regular, FontOptions);
        private readonly XFont _bold = new(PdfFonts.Family, 10, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _heading = new(PdfFonts.Family, 16, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _small = new(PdfFonts.Family, 8, XFontStyleEx.Regular, FontOptions);
        private readonly PdfDocument _document;
        private readonly CommunicationModel _model;
        private readonly XBrush _ink = new XSolidBrush(Ink);
        private PdfPage _page = null!;
        private XGraphics _graphics = null!;
        private double _y;

        public Layout(PdfDocument document, CommunicationModel model)
        {
            _document = document;
            _model = model;
            NewPage();
        }

        private double Width => _page.Width.Point - 2 * Margin;

        private double Bottom => _page.Height.Point - BottomMargin;

        private static double LineHeight(XFont font) => font.GetHeight() * 1.15;

        public void Letterhead()
        {
            foreach (var line in Wrap(_model.ClientName, _heading, Width))
            {
                _graphics.DrawString(line, _heading, new XSolidBrush(Accent), new XRect(Margin, _y, Width, LineHeight(_heading)), XStringFormats.TopLeft);
                _y += LineHeight(_heading);
            }
            _y += 4;
            _graphics.DrawLine(new XPen(Accent, 1.2), Margin, _y, Margin + Width, _y);
            _y += 18;
        }

        public void DateAndAddressee()
        {
            var top = _y;
            var right = new XRect(Margin, _y, Width, LineHeight(_body));
            _graphics.DrawString($"Date: {IndianDate.Format(_model.AsOf)}", _body, _ink, right, XStringFormats.TopRight);
            right.Y += LineHeight(_body);
            _graphics.DrawString($"Customer code: {_model.CustomerCode}", _body, _ink, right, XStringFormats.TopRight);

            // The addressee keeps clear of the date on the right.
            var width = Width * 0.6;
            _y = top;
            Line("To,", _body);
            if (_model.Contact is { } contact)
            {
                Lines(contact.Name, _bold, width);
                if (!string.IsNullOrWhiteSpace(contact.Role))
                {
                    Lines(contact.Role, _body, width);
                }
            }
            Lines(_model.CustomerName, _model.Contact is null ? _bold : _body, width);
            _y = Math.Max(_y, top + 2 * LineHeight(_body)) + LineHeight(_body);
        }

        public void Subject(string subject)
        {
            Lines($"Subject: {subject}", _bold, Width);
            _y += LineHeight(_body) * 0.6;
        }

        public void Paragraph(IReadOnlyList<string> lines)
        {
            var wrapped = lines.SelectMany(line => Wrap(line, _body, Width)).ToList();
            // A short paragraph (a signature, an address) is not split across pages.
            if (wrapped.Count <= 4)
            {
                EnsureSpace(wrapped.Count * LineHeight(_body));
            }
            foreach (var line in wrapped)
            {
                Line(line, _body);
            }
            _y += LineHeight(_body) * 0.6;
        }

        public void InvoiceTable()
        {
            // Amounts without the sign in the cells, the sign once in the header, as printed statements do.
            var rows = new List<TableRow>(_model.Items.Count + 2)
            {
                new([new("Invoice", false, true), new("Due date", false, true), new("Days overdue", true, true), new("Amount (₹)", true, true)], TableSection.Head),
            };
            rows.AddRange(_model.Items.Select(item => new TableRow(
                [
                    new(item.InvoiceNumber, false, false),
                    new(IndianDate.Format(item.DueDate), false, false),
                    new(ItemsTable.DaysOverdue(item.DaysOverdue), true, false),
                    new(IndianMoney.FormatPlain(item.DunnedAmount), true, false),
                ],
                TableSection.Body)));
            rows.Add(new TableRow(
                [new("Total", false, true), new("", false, true), new("", false, true), new(IndianMoney.FormatPlain(_model.TotalDunned), true, true)],
                TableSection.Foot));

            var fixedWidths = new[] { 85d, 95d, 110d };
            DrawTable(rows, [Width - fixedWidths.Sum(), .. fixedWidths]);
        }

        public void Table(TableBlock table)
        {
            var columns = table.Rows.Max(r => r.Cells.Count);
            DrawTable(table.Rows, [.. Enumerable.Repeat(Width / columns, columns)]);
        }

        private void DrawTable(IReadOnlyList<TableRow> rows, double[] widths)
        {
            var head = rows.Where(r => r.Section == TableSection.Head).ToList();
            var rowHeight = LineHeight(_body) + 2 * CellPadding;
            foreach (var row in head)
            {
                EnsureSpace(rowHeight * 2);
                DrawRow(row, widths, rowHeight);
            }
            foreach (var row in rows.Where(r => r.Section != TableSection.Head))
            {
                if (_y + rowHeight > Bottom)
                {
                    NewPage();
                    foreach (var repeated in head)
                    {
                        DrawRow(repeated, widths, rowHeight);
                    }
                }
                DrawRow(row, widths, rowHeight);
            }
            _y += LineHeight(_body) * 0.8;
        }

        private void DrawRow(TableRow row, double[] widths, double height)
        {
            var bold = row.Section != TableSection.Body || row.Cells.All(c => c.Header);
            if (row.Section == TableSection.Head)
            {
                _graphics.DrawRectangle(new XSolidBrush(Shade), Margin, _y, widths.Sum(), height);
            }
            if (row.Section == TableSection.Foot)
            {
                _graphics.DrawLine(new XPen(Ink, 0.8), Margin, _y, Margin + widths.Sum(), _y);
            }
            var x = Margin;
            for (var i = 0; i < widths.Length && i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                var font = bold || cell.Header ? _bold : _body;
                var box = new XRect(x + CellPadding, _y + CellPadding, widths[i] - 2 * CellPadding, height - 2 * CellPadding);
                var text = PdfText.Fit(_graphics, cell.Text, font, box.Width);
                _graphics.DrawString(text, font, _ink, box, cell.RightAligned ? XStringFormats.TopRight : XStringFormats.TopLeft);
                x += widths[i];
            }
            _y += height;
            _graphics.DrawLine(new XPen(Rule, 0.5), Margin, _y, Margin + widths.Sum(), _y);
        }

        private void Lines(string text, XFont font, double width)
        {
            foreach (var line in Wrap(text, font, width))
            {
                Line(line, font);
            }
        }

        private void Line(string text, XFont font)
        {
            var height = LineHeight(font);
            EnsureSpace(height);
            if (text.Length > 0)
            {
                _graphics.DrawString(text, font, _ink, new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
            }
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
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
            if (_document.PageCount > 1)
            {
                _graphics.DrawString($"{_model.ClientName} · {_model.CustomerName} (continued)", _small, new XSolidBrush(Accent),
                    new XRect(Margin, _y, Width, LineHeight(_small)), XStringFormats.TopLeft);
                _y += LineHeight(_small) * 2;
            }
        }

        /// <summary>"Page n of m" and the customer on every page, once the number of pages is known.</summary>
        public void Footers()
        {
            _graphics.Dispose();
            for (var i = 0; i < _document.PageCount; i++)
            {
                var page = _document.Pages[i];
                using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var box = new XRect(Margin, page.Height.Point - BottomMargin + 24, page.Width.Point - 2 * Margin, LineHeight(_small));
                var grey = new XSolidBrush(XColor.FromArgb(0x70, 0x70, 0x70));
                graphics.DrawString($"{_model.CustomerName} ({_model.CustomerCode})", _small, grey, box, XStringFormats.TopLeft);
                graphics.DrawString($"Page {i + 1} of {_document.PageCount}", _small, grey, box, XStringFormats.TopRight);
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (_graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    yield return line;
                }
                line = word;
                // A word wider than the line (a long URL) is cut where it overflows.
                while (_graphics.MeasureString(line, font).Width > width && line.Length > 1)
                {
                    var fits = 1;
                    while (fits < line.Length && _graphics.MeasureString(line[..(fits + 1)], font).Width <= width)
                    {
                        fits++;
                    }
                    yield return line[..fits];
                    line = line[fits..];
                }
            }
            yield return line;
        }

        // XGraphics tolerates a second Dispose (after Footers).
        public void Dispose() => _graphics.Dispose();
    }
}
