namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>
/// Hands a CSV parser one line of the file at a time (each ended by "\n"), so that it never holds more than the line
/// it is on: a record is a line, its number is <see cref="Line"/>, and a parser left confused by a broken line can be
/// replaced without losing the lines after it.
/// </summary>
public sealed class CsvLines(TextReader reader) : TextReader
{
    private string _current = "";
    private int _position;
    private string? _replay;

    /// <summary>The number of the last line handed out (1-based, blank lines included, a replayed line not counted again).</summary>
    public int Line { get; private set; }

    /// <summary>Hands out <paramref name="record"/> (a line as handed out before, "\n" included) next without counting it: the header, for a new parser.</summary>
    public void Replay(string record) => (_replay, _current, _position) = (record, "", 0);

    public override int Read(Span<char> buffer) =>
        _position < _current.Length || TakeReplay() || Take(reader.ReadLine()) ? Serve(buffer) : 0;

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        _position < _current.Length || TakeReplay() || Take(await reader.ReadLineAsync(cancellationToken)) ? Serve(buffer.Span) : 0;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    private bool TakeReplay()
    {
        if (_replay is null)
        {
            return false;
        }

        (_current, _position, _replay) = (_replay, 0, null);
        return true;
    }

    private bool Take(string? line)
    {
        if (line is null)
        {
            return false;
        }

        (_current, _position) = (line + "\n", 0);
        Line++;
        return true;
    }

    private int Serve(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, _current.Length - _position);
        _current.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
