using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.BuildingBlocks.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ArPlatform.Collections.Communications;

/// <summary>
/// A dunning letter as an A4 PDF (PDFsharp, ADR 0018): the client's name as letterhead, the date, the addressee, the
/// subject, the rendered body, the table of the items with their total, and the signature the template writes.
/// </summary>
public static class LetterPdf
{
    /// <summary>The pages a letter may have when the caller names no limit (<see cref="TemplateLimits.MaxLetterPages"/>).</summary>
    public const int DefaultMaxPages = 50;

    /// <summary>The letter of a rendered <c>letter</c> (or email) message for the model, as the bytes of a PDF file.</summary>
    /// <remarks>
    /// The body is read from the message's HTML (its text is <see cref="RenderedMessage.Text"/>), so that the items
    /// table is drawn as a table where the template wrote <c>{{ items_table }}</c>; a body without it gets the table
    /// at its end. A message without an HTML body is laid out from its text.
    /// </remarks>
    /// <exception cref="TemplateLimitExceededException">The letter would have more than <paramref name="maxPages"/> pages: none is made.</exception>
    public static byte[] Render(CommunicationModel model, RenderedMessage message, int maxPages = DefaultMaxPages)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(message);
        PdfFonts.EnsureRegistered();

        using var document = new PdfDocument();
        document.Info.Title = message.Subject;
        document.Info.Author = model.ClientName;
        document.Info.Subject = $"{model.CustomerName} ({model.CustomerCode})";
        document.Info.Creator = "ArPlatform Collections";

        using (var letter = new Layout(document, model, maxPages))
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

    /// <summary>Writes a letter top to bottom on the pages of a <see cref="PdfPageWriter"/>.</summary>
    private sealed class Layout : IDisposable
    {
        private const double CellPadding = 4;

        private static readonly PdfPageSetup Page = new(Margin: 56.7 /* 2 cm */, BottomMargin: 70, FooterFromBottom: 70 - 24, LineSpacing: 1.15);

        // Automatic: text PDF's standard encoding can write is written as text (searchable, copyable), the rest (₹) by glyph.
        private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Automatic);

        // Fonts are made per letter, not in static fields, so that none is made before the font resolver is registered.
        private readonly XFont _body = new(PdfFonts.Family, 10, XFontStyleEx.Regular, FontOptions);
        private readonly XFont _bold = new(PdfFonts.Family, 10, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _heading = new(PdfFonts.Family, 16, XFontStyleEx.Bold, FontOptions);
        private readonly XFont _small = new(PdfFonts.Family, 8, XFontStyleEx.Regular, FontOptions);
        private readonly CommunicationModel _model;
        private readonly XBrush _ink = new XSolidBrush(PdfColors.Ink);
        private readonly PdfTableStyle _table;
        private readonly PdfPageWriter _pages;
        private readonly PdfDocument _document;
        private readonly int _maxPages;

        public Layout(PdfDocument document, CommunicationModel model, int maxPages)
        {
            (_model, _document, _maxPages) = (model, document, maxPages);
            _table = new PdfTableStyle(_body, _bold, CellPadding, RuleWidth: 0.5);
            _pages = new PdfPageWriter(document, Page, Continued);
        }

        private double Width => _pages.Width;

        private double Margin => _pages.Margin;

        private XGraphics Graphics => _pages.Graphics;

        private double LineHeight(XFont font) => _pages.LineHeight(font);

        public void Letterhead()
        {
            foreach (var line in Wrap(_model.ClientName, _heading, Width))
            {
                Graphics.DrawString(line, _heading, new XSolidBrush(PdfColors.Accent), new XRect(Margin, _pages.Y, Width, LineHeight(_heading)), XStringFormats.TopLeft);
                _pages.Y += LineHeight(_heading);
            }
            _pages.Y += 4;
            Graphics.DrawLine(new XPen(PdfColors.Accent, 1.2), Margin, _pages.Y, Margin + Width, _pages.Y);
            _pages.Y += 18;
        }

        public void DateAndAddressee()
        {
            var top = _pages.Y;
            var right = new XRect(Margin, _pages.Y, Width, LineHeight(_body));
            Graphics.DrawString($"Date: {IndianDate.Format(_model.AsOf)}", _body, _ink, right, XStringFormats.TopRight);
            right.Y += LineHeight(_body);
            Graphics.DrawString($"Customer code: {_model.CustomerCode}", _body, _ink, right, XStringFormats.TopRight);

            // The addressee keeps clear of the date on the right.
            var width = Width * 0.6;
            _pages.Y = top;
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
            _pages.Y = Math.Max(_pages.Y, top + 2 * LineHeight(_body)) + LineHeight(_body);
        }

        public void Subject(string subject)
        {
            Lines($"Subject: {subject}", _bold, Width);
            _pages.Y += LineHeight(_body) * 0.6;
        }

        public void Paragraph(IReadOnlyList<string> lines)
        {
            var wrapped = lines.SelectMany(line => Wrap(line, _body, Width)).ToList();
            // A short paragraph (a signature, an address) is not split across pages.
            if (wrapped.Count <= 4)
            {
                _pages.EnsureSpace(wrapped.Count * LineHeight(_body));
            }
            foreach (var line in wrapped)
            {
                Line(line, _body);
            }
            _pages.Y += LineHeight(_body) * 0.6;
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
            var drawn = rows.Select(ToPdfRow).ToList();
            _pages.Table([.. drawn.Where(r => r.Kind == PdfRowKind.Head)], drawn.Where(r => r.Kind != PdfRowKind.Head), widths, _table, keepHeadWithARow: true);
            _pages.Y += LineHeight(_body) * 0.8;
        }

        /// <summary>A head or foot row, or a row of header cells, is bold throughout.</summary>
        private static PdfRow ToPdfRow(TableRow row)
        {
            var bold = row.Section != TableSection.Body || row.Cells.All(c => c.Header);
            var kind = row.Section switch
            {
                TableSection.Head => PdfRowKind.Head,
                TableSection.Foot => PdfRowKind.Foot,
                _ => PdfRowKind.Body,
            };
            return new PdfRow([.. row.Cells.Select(c => new PdfCell(c.Text, c.RightAligned, bold || c.Header))], kind);
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
            _pages.EnsureSpace(height);
            if (text.Length > 0)
            {
                Graphics.DrawString(text, font, _ink, new XRect(Margin, _pages.Y, Width, height), XStringFormats.TopLeft);
            }
            _pages.Y += height;
        }

        /// <summary>What heads every page after the first.</summary>
        private void Continued(PdfPageWriter pages)
        {
            if (_document.PageCount > _maxPages)
            {
                throw new TemplateLimitExceededException("body",
                    $"template exceeded {_maxPages} pages of a letter ({TemplateLimits.Setting(nameof(TemplateLimits.MaxLetterPages))})");
            }

            pages.Graphics.DrawString($"{_model.ClientName} · {_model.CustomerName} (continued)", _small, new XSolidBrush(PdfColors.Accent),
                new XRect(pages.Margin, pages.Y, pages.Width, pages.LineHeight(_small)), XStringFormats.TopLeft);
            pages.Y += pages.LineHeight(_small) * 2;
        }

        /// <summary>"Page n of m" and the customer on every page, once the number of pages is known.</summary>
        public void Footers() => _pages.Footers($"{_model.CustomerName} ({_model.CustomerCode})", _small);

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (Graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    yield return line;
                }
                line = word;
                // A word wider than the line (a long URL) is cut where it overflows; no more of it is measured than a
                // line can hold, so a word of any length costs time in proportion to its length.
                var start = 0;
                while (line.Length - start > 1 && Graphics.MeasureString(Prefix(line, start), font).Width > width)
                {
                    var fits = 1;
                    while (start + fits < line.Length && Graphics.MeasureString(line.Substring(start, fits + 1), font).Width <= width)
                    {
                        fits++;
                    }
                    yield return line.Substring(start, fits);
                    start += fits;
                }
                line = line[start..];
            }
            yield return line;
        }

        /// <summary>As much of <paramref name="text"/> from <paramref name="start"/> as could fit a line, and one character more.</summary>
        private static string Prefix(string text, int start) => text.Substring(start, Math.Min(text.Length - start, MaxLineChars + 1));

        /// <summary>More characters than the narrowest glyphs fit on a line of the page.</summary>
        private const int MaxLineChars = 400;

        public void Dispose() => _pages.Dispose();
    }
}
