using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ArPlatform.Collections.Communications;

/// <summary>A piece of a message's body read as text: a paragraph or a table.</summary>
internal abstract record TextBlock;

/// <summary>Lines that belong together; the lines are the body's own line breaks, not yet wrapped.</summary>
internal sealed record ParagraphBlock(IReadOnlyList<string> Lines) : TextBlock;

internal sealed record TableBlock(string? CssClass, IReadOnlyList<TableRow> Rows) : TextBlock;

internal enum TableSection
{
    Head,
    Body,
    Foot,
}

internal sealed record TableRow(IReadOnlyList<TableCell> Cells, TableSection Section);

internal sealed record TableCell(string Text, bool RightAligned, bool Header);

/// <summary>
/// Reads the HTML of an email or letter body as paragraphs and tables: the plain-text alternative of an email and the
/// text of a PDF letter. It reads the small HTML of message templates, not arbitrary web pages: whitespace collapses as
/// a browser would, p/h*/ul/table end a paragraph, br/div/li end a line, tables keep their cells.
/// </summary>
internal static partial class HtmlText
{
    private static readonly HashSet<string> ParagraphTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "hr", "pre", "dl",
    };

    private static readonly HashSet<string> LineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "li", "dt", "dd", "address", "section", "article", "header", "footer", "center", "tr",
    };

    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "style", "script", "head", "title",
    };

    [GeneratedRegex(@"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"<(p|br|div|table|tr|li|h[1-6])\b", RegexOptions.IgnoreCase)]
    private static partial Regex LayoutTag();

    [GeneratedRegex(@"\bcolspan\s*=\s*[""']?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex Colspan();

    [GeneratedRegex(@"\bclass\s*=\s*[""']([^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex ClassAttribute();

    [GeneratedRegex(@"\bhref\s*=\s*[""']([^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex(@"text-align\s*:\s*right|\balign\s*=\s*[""']?right", RegexOptions.IgnoreCase)]
    private static partial Regex RightAligned();

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ \t\f]+")]
    private static partial Regex Blanks();

    public static string ToText(string html) => ToText(ToBlocks(html));

    public static string ToText(IReadOnlyList<TextBlock> blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }
            switch (block)
            {
                case ParagraphBlock paragraph:
                    text.AppendJoin('\n', paragraph.Lines);
                    break;
                case TableBlock table:
                    AppendTable(text, table);
                    break;
            }
        }
        return text.ToString();
    }

    public static IReadOnlyList<TextBlock> ToBlocks(string html)
    {
        var reader = new Reader(preserveNewlines: !LayoutTag().IsMatch(html));
        var position = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            reader.Text(html.AsSpan(position, tag.Index - position));
            position = tag.Index + tag.Length;
            if (tag.Groups[2].Success)
            {
                reader.Tag(tag.Groups[2].Value, closing: tag.Groups[1].Length > 0, tag.Groups[3].Value);
            }
        }
        reader.Text(html.AsSpan(position));
        return reader.Finish();
    }

    private static void AppendTable(StringBuilder text, TableBlock table)
    {
        var columns = table.Rows.Max(r => r.Cells.Count);
        var widths = new int[columns];
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < row.Cells.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row.Cells[i].Text.Length);
            }
        }
        var rule = new string('-', widths.Sum() + 2 * (columns - 1));

        var first = true;
        TableSection? previous = null;
        foreach (var row in table.Rows)
        {
            if (previous is { } section && section != row.Section && (section == TableSection.Head || row.Section == TableSection.Foot))
            {
                text.Append('\n').Append(rule);
            }
            if (!first)
            {
                text.Append('\n');
            }
            var line = new StringBuilder();
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                if (i > 0)
                {
                    line.Append("  ");
                }
                line.Append(cell.RightAligned ? cell.Text.PadLeft(widths[i]) : cell.Text.PadRight(widths[i]));
            }
            text.Append(line.ToString().TrimEnd());
            previous = row.Section;
            first = false;
        }
    }

    private sealed class Reader(bool preserveNewlines)
    {
        private readonly List<TextBlock> _blocks = [];
        private readonly List<string> _lines = [];
        private readonly StringBuilder _line = new();
        private readonly Stack<string?> _links = new();
        private string? _skipping;
        private int _tableDepth;
        private string? _tableClass;
        private List<TableRow>? _rows;
        private List<TableCell>? _cells;
        private StringBuilder? _cell;
        private (bool Right, bool Header, int Span) _cellFormat;
        private TableSection _section = TableSection.Body;

        private StringBuilder Current => _cell ?? _line;

        public void Text(ReadOnlySpan<char> raw)
        {
            if (_skipping is not null || raw.IsEmpty)
            {
                return;
            }
            if (_tableDepth > 0 && _cell is null)
            {
                return;
            }
            var text = raw.ToString();
            if (preserveNewlines && _tableDepth == 0)
            {
                var parts = text.Replace("\r\n", "\n").Split('\n');
                for (var i = 0; i < parts.Length; i++)
                {
                    if (i > 0)
                    {
                        LineBreak(keepEmpty: true);
                    }
                    Append(Blanks().Replace(parts[i], " "));
                }
                return;
            }
            Append(Whitespace().Replace(text, " "));
        }

        private void Append(string collapsed)
        {
            var decoded = WebUtility.HtmlDecode(collapsed).Replace('\u00A0', ' ');
            var target = Current;
            if (target.Length == 0 || target[^1] == ' ')
            {
                decoded = decoded.TrimStart();
            }
            target.Append(decoded);
        }

        public void Tag(string name, bool closing, string attributes)
        {
            if (_skipping is not null)
            {
                if (closing && name.Equals(_skipping, StringComparison.OrdinalIgnoreCase))
                {
                    _skipping = null;
                }
                return;
            }
            if (SkippedTags.Contains(name))
            {
                if (!closing && !attributes.TrimEnd().EndsWith('/'))
                {
                    _skipping = name;
                }
                return;
            }

            switch (name.ToLowerInvariant())
            {
                case "table":
                    TableTag(closing, attributes);
                    return;
                case "br":
                    if (_cell is not null)
                    {
                        SeparateWords();
                    }
                    else
                    {
                        LineBreak(keepEmpty: true);
                    }
                    return;
                case "a":
                    Link(closing, attributes);
                    return;
            }

            if (_tableDepth == 1)
            {
                if (TableStructure(name.ToLowerInvariant(), closing, attributes))
                {
                    return;
                }
            }
            if (_cell is not null)
            {
                // Block elements inside a cell, and the cells of a table nested in it, only separate words.
                if (ParagraphTags.Contains(name) || LineTags.Contains(name) || name.Equals("td", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("th", StringComparison.OrdinalIgnoreCase))
                {
                    SeparateWords();
                }
                return;
            }
            if (ParagraphTags.Contains(name))
            {
                ParagraphBreak();
            }
            else if (LineTags.Contains(name))
            {
                LineBreak(keepEmpty: false);
                if (!closing && name.Equals("li", StringComparison.OrdinalIgnoreCase))
                {
                    _line.Append("- ");
                }
            }
        }

        private void Link(bool closing, string attributes)
        {
            if (!closing)
            {
                var href = Href().Match(attributes);
                _links.Push(href.Success ? WebUtility.HtmlDecode(href.Groups[1].Value) : null);
                // Marks where the link's text starts, to tell at </a> whether the text already shows the address.
                Current.Append('\u0001');
                return;
            }
            if (!_links.TryPop(out var url))
            {
                return;
            }
            var target = Current;
            var start = target.ToString().LastIndexOf('\u0001');
            var label = start < 0 ? "" : target.ToString(start + 1, target.Length - start - 1).Trim();
            if (start >= 0)
            {
                target.Remove(start, 1);
            }
            var address = url is null ? null : url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : url;
            if (!string.IsNullOrWhiteSpace(address) && !label.Contains(address, StringComparison.OrdinalIgnoreCase)
                && !address.StartsWith('#'))
            {
                target.Append(" (").Append(address).Append(')');
            }
        }

        private void TableTag(bool closing, string attributes)
        {
            if (!closing)
            {
                _tableDepth++;
                if (_tableDepth == 1)
                {
                    ParagraphBreak();
                    var cssClass = ClassAttribute().Match(attributes);
                    _tableClass = cssClass.Success ? cssClass.Groups[1].Value.Trim() : null;
                    _rows = [];
                    _section = TableSection.Body;
                }
                else
                {
                    SeparateWords();
                }
                return;
            }
            if (_tableDepth == 0)
            {
                return;
            }
            _tableDepth--;
            if (_tableDepth > 0)
            {
                SeparateWords();
                return;
            }
            EndRow();
            if (_rows is { Count: > 0 })
            {
                _blocks.Add(new TableBlock(_tableClass, _rows));
            }
            _rows = null;
        }

        private bool TableStructure(string name, bool closing, string attributes)
        {
            switch (name)
            {
                case "thead":
                    _section = closing ? TableSection.Body : TableSection.Head;
                    return true;
                case "tbody":
                    _section = TableSection.Body;
                    return true;
                case "tfoot":
                    _section = closing ? TableSection.Body : TableSection.Foot;
                    return true;
                case "tr":
                    EndRow();
                    if (!closing)
                    {
                        _cells = [];
                    }
                    return true;
                case "td" or "th":
                    EndCell();
                    if (!closing)
                    {
                        _cells ??= [];
                        var span = Colspan().Match(attributes);
                        _cellFormat = (
                            RightAligned().IsMatch(attributes),
                            name == "th",
                            span.Success ? Math.Clamp(int.Parse(span.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 50) : 1);
                        _cell = new StringBuilder();
                    }
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>One space between a cell's words, however many tags separate them (whitespace collapses as in text).</summary>
        private void SeparateWords()
        {
            if (_cell is { Length: > 0 } cell && cell[^1] != ' ')
            {
                cell.Append(' ');
            }
        }

        private void EndCell()
        {
            if (_cell is null || _cells is null)
            {
                return;
            }
            var text = _cell.ToString().Replace("\u0001", "").Trim();
            _cells.Add(new TableCell(text, _cellFormat.Right, _cellFormat.Header));
            for (var i = 1; i < _cellFormat.Span; i++)
            {
                _cells.Add(new TableCell("", false, _cellFormat.Header));
            }
            _cell = null;
        }

        private void EndRow()
        {
            EndCell();
            if (_cells is { Count: > 0 } && _rows is not null)
            {
                var section = _section == TableSection.Body && _rows.Count == 0 && _cells.All(c => c.Header)
                    ? TableSection.Head
                    : _section;
                _rows.Add(new TableRow(_cells, section));
            }
            _cells = null;
        }

        private void LineBreak(bool keepEmpty)
        {
            var line = _line.ToString().Replace("\u0001", "").Trim();
            _line.Clear();
            if (line.Length > 0 || keepEmpty)
            {
                _lines.Add(line);
            }
        }

        private void ParagraphBreak()
        {
            LineBreak(keepEmpty: false);
            // An empty line (two line breaks in a row) also ends a paragraph.
            var start = 0;
            for (var i = 0; i <= _lines.Count; i++)
            {
                if (i == _lines.Count || _lines[i].Length == 0)
                {
                    if (i > start)
                    {
                        _blocks.Add(new ParagraphBlock(_lines.GetRange(start, i - start)));
                    }
                    start = i + 1;
                }
            }
            _lines.Clear();
        }

        public IReadOnlyList<TextBlock> Finish()
        {
            if (_tableDepth > 0)
            {
                _tableDepth = 1;
                TableTag(closing: true, "");
            }
            ParagraphBreak();
            return _blocks;
        }
    }
}
