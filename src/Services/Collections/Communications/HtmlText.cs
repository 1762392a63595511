using System.Globalization;
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

    /// <summary>At most this many links are open at once; the text of links opened deeper is kept, their addresses are not.</summary>
    private const int MaxOpenLinks = 32;

    /// <summary>An address longer than this is not written after a link's text (it is not one a reader could type).</summary>
    private const int MaxShownAddress = 2_000;

    /// <summary>A column of a text table is padded to at most this width: one wide cell does not widen every row.</summary>
    private const int MaxPaddedWidth = 80;

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

    /// <summary>
    /// The body's paragraphs and tables. One pass over the HTML, in time linear in its length whatever it holds (ADR
    /// 0027): a tag is <c>&lt;</c>, an optional <c>/</c>, a name of ASCII letters and digits starting with a letter and
    /// ending at a word boundary, anything but <c>&gt;</c>, then <c>&gt;</c>; a comment is <c>&lt;!--</c> to the next
    /// <c>--&gt;</c>; anything else is text.
    /// </summary>
    public static IReadOnlyList<TextBlock> ToBlocks(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var reader = new Reader(preserveNewlines: !LayoutTag().IsMatch(html));
        var position = 0; // the end of the last tag or comment read: the text before the next starts here
        var scan = 0; // where the next '<' is looked for
        var nextClose = -2; // the first '>' at or after the last place looked from (-1: none is left); -2: not looked yet
        var commentsClose = true; // false once a comment had no "-->" after it: none after it can close either
        while (scan < html.Length)
        {
            var open = html.IndexOf('<', scan);
            if (open < 0)
            {
                break;
            }

            scan = open + 1;
            if (commentsClose && string.CompareOrdinal(html, open, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
                if (end >= 0)
                {
                    reader.Text(html.AsSpan(position, open - position));
                    position = scan = end + 3;
                    continue;
                }

                commentsClose = false;
            }

            var i = open + 1;
            var closing = i < html.Length && html[i] == '/';
            if (closing)
            {
                i++;
            }

            if (i >= html.Length || !char.IsAsciiLetter(html[i]))
            {
                continue;
            }

            var nameStart = i;
            while (i < html.Length && char.IsAsciiLetterOrDigit(html[i]))
            {
                i++;
            }

            if (i < html.Length && IsBoundaryWordChar(html[i]))
            {
                continue; // no word boundary after the name: not a tag
            }

            if (nextClose == -2 || (nextClose >= 0 && nextClose < i))
            {
                nextClose = html.IndexOf('>', i);
            }

            if (nextClose < 0)
            {
                break; // no '>' is left: the rest is text
            }

            reader.Text(html.AsSpan(position, open - position));
            reader.Tag(html[nameStart..i], closing, html[i..nextClose]);
            position = scan = nextClose + 1;
        }

        reader.Text(html.AsSpan(position));
        return reader.Finish();
    }

    /// <summary>A character a regular expression's <c>\b</c> counts as part of a word (letters, digits, marks, connectors, ZWJ, ZWNJ).</summary>
    private static bool IsBoundaryWordChar(char c) =>
        c is '\u200C' or '\u200D' || char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    private static void AppendTable(StringBuilder text, TableBlock table)
    {
        var columns = table.Rows.Max(r => r.Cells.Count);
        var widths = new int[columns];
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < row.Cells.Count; i++)
            {
                widths[i] = Math.Max(widths[i], Math.Min(row.Cells[i].Text.Length, MaxPaddedWidth));
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
        // Each open link: its address, and where its text starts (the builder, its line's generation, the index of the mark).
        private readonly Stack<(string? Url, StringBuilder? Target, int Generation, int Start)> _links = new();
        private int _lineGeneration;
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
                var url = href.Success ? WebUtility.HtmlDecode(href.Groups[1].Value) : null;
                if (url is null || url.Length > MaxShownAddress || _links.Count >= MaxOpenLinks)
                {
                    _links.Push((null, null, 0, 0)); // nothing to write after its text
                    return;
                }

                // Marks where the link's text starts, to tell at </a> whether the text already shows the address.
                var current = Current;
                _links.Push((url, current, ReferenceEquals(current, _line) ? _lineGeneration : 0, current.Length));
                current.Append('\u0001');
                return;
            }
            if (!_links.TryPop(out var link) || link.Url is not { } url2)
            {
                return;
            }
            var target = Current;
            var label = "";
            // The mark is where it was put unless the line ended since (its marks are then gone with it).
            if (ReferenceEquals(link.Target, target) && (!ReferenceEquals(target, _line) || link.Generation == _lineGeneration)
                && link.Start < target.Length && target[link.Start] == '\u0001')
            {
                label = target.ToString(link.Start + 1, target.Length - link.Start - 1).Trim();
                target.Remove(link.Start, 1);
            }
            var address = url2.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url2[7..] : url2;
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
            _lineGeneration++;
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
