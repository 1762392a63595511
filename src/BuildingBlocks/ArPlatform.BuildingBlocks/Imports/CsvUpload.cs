using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>
/// Checks an uploaded CSV file piece by piece as it arrives, so that a file which cannot be imported is refused at
/// upload instead of failing later: it must be UTF-8 text without NUL bytes, no line may be longer than
/// <see cref="MaxLineBytes"/>, and its header must fit the kind's <see cref="CsvColumns"/>. Counts the data rows as the
/// import reads them: the lines (ended by \n, \r\n or \r) after the header, blank lines left out.
/// </summary>
public sealed class CsvUpload(CsvColumns columns)
{
    public const int MaxLineBytes = 1024 * 1024;

    private readonly char[] _scratch = new char[16 * 1024];
    private readonly byte[] _carry = new byte[8];
    private readonly ArrayBufferWriter<byte> _header = new();
    private int _carryLength;
    private int _lines;
    private int _records;
    private long _lineBytes;
    private bool _afterCr;
    private bool _headerChecked;

    /// <summary>The data rows: non-blank lines after the header.</summary>
    public int Rows => Math.Max(0, _records - 1);

    /// <summary>The next piece of the file; what is wrong with the file (for <c>body</c>), or null.</summary>
    public string? Add(ReadOnlySpan<byte> piece)
    {
        var nul = piece.IndexOf((byte)0);
        var invalid = FirstInvalidUtf8(nul < 0 ? piece : piece[..nul]);
        var bad = invalid >= 0 ? invalid : nul;
        if (Lines(bad < 0 ? piece : piece[..bad]) is { } wrong)
        {
            return wrong;
        }

        return bad < 0 ? null
            : invalid >= 0 ? $"line {_lines + 1} holds bytes that are not UTF-8 text: save the file as CSV UTF-8 and upload it again."
            : $"line {_lines + 1} holds a NUL byte: this is not a text file (a spreadsheet or an archive?); export it as CSV UTF-8.";
    }

    /// <summary>After the last piece: what is wrong with the file as a whole, or null.</summary>
    public string? Finish()
    {
        if (_carryLength > 0)
        {
            return $"line {_lines + 1} ends in the middle of a UTF-8 character: the file is cut short or not UTF-8 text.";
        }

        if (_lineBytes > 0 && EndLine() is { } wrong)
        {
            return wrong;
        }

        return _headerChecked ? null : "has no header: the first line names the columns (" + string.Join(", ", columns.Known) + ").";
    }

    private string? Lines(ReadOnlySpan<byte> text)
    {
        while (text.Length > 0)
        {
            var end = text.IndexOfAny((byte)'\r', (byte)'\n');
            var content = end < 0 ? text : text[..end];
            if (content.Length > 0)
            {
                if (!_headerChecked)
                {
                    _header.Write(content);
                }

                _lineBytes += content.Length;
                _afterCr = false;
                if (_lineBytes > MaxLineBytes)
                {
                    return $"line {_lines + 1} is longer than {MaxLineBytes / 1024 / 1024} MB: each row of a CSV file is one line.";
                }
            }

            if (end < 0)
            {
                break;
            }

            // \r\n ends one line, not two.
            if (!(text[end] == (byte)'\n' && _afterCr) && EndLine() is { } wrong)
            {
                return wrong;
            }

            _afterCr = text[end] == (byte)'\r';
            text = text[(end + 1)..];
        }

        return null;
    }

    private string? EndLine()
    {
        _lines++;
        var blank = _lineBytes == 0;
        _lineBytes = 0;
        if (blank)
        {
            return null;
        }

        _records++;
        if (_headerChecked)
        {
            return null;
        }

        _headerChecked = true;
        var text = Encoding.UTF8.GetString(_header.WrittenSpan).TrimStart('\uFEFF');
        string? badQuote = null;
        using var parser = new CsvParser(new StringReader(text), ImportRun.CsvConfiguration(args => badQuote ??= args.Field));
        var names = parser.Read() ? parser.Record ?? [] : [];
        var wrong = badQuote is not null ? $"the header (line {_lines}) has a broken quote in {badQuote}." : columns.Check(names);
        return wrong is null ? null : $"line {_lines}: {wrong}";
    }

    /// <summary>The index of the first byte of <paramref name="piece"/> that is not UTF-8 text, or -1; a character cut by the end of the piece is carried to the next.</summary>
    private int FirstInvalidUtf8(ReadOnlySpan<byte> piece)
    {
        var start = 0;
        if (_carryLength > 0)
        {
            Span<byte> joined = stackalloc byte[_carry.Length + 4];
            _carry.AsSpan(0, _carryLength).CopyTo(joined);
            var taken = Math.Min(4, piece.Length);
            piece[..taken].CopyTo(joined[_carryLength..]);
            var status = Utf8.ToUtf16(joined[..(_carryLength + taken)], _scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
            if (status == OperationStatus.InvalidData)
            {
                return Math.Max(0, read - _carryLength);
            }

            if (read < _carryLength)
            {
                // Still not complete: the piece is shorter than the rest of the character.
                joined[read..(_carryLength + taken)].CopyTo(_carry);
                _carryLength = _carryLength + taken - read;
                return -1;
            }

            (start, _carryLength) = (read - _carryLength, 0);
        }

        var rest = piece[start..];
        while (true)
        {
            var status = Utf8.ToUtf16(rest, _scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
            switch (status)
            {
                case OperationStatus.DestinationTooSmall:
                    rest = rest[read..];
                    continue;
                case OperationStatus.NeedMoreData:
                    rest[read..].CopyTo(_carry);
                    _carryLength = rest.Length - read;
                    return -1;
                case OperationStatus.InvalidData:
                    return piece.Length - rest.Length + read;
                default:
                    return -1;
            }
        }
    }
}
