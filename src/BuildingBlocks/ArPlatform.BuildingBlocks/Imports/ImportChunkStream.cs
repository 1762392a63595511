using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>Reads an uploaded file back from its chunks, one chunk in memory at a time.</summary>
public sealed class ImportChunkStream(DbContext db, Guid jobId) : Stream
{
    private byte[] _chunk = [];
    private int _offset;
    private int _sequence;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset == _chunk.Length)
        {
            if (_done)
            {
                return 0;
            }

            var next = await db.Set<ImportChunk>().AsNoTracking().Where(c => c.JobId == jobId && c.Sequence == _sequence)
                .Select(c => c.Data).SingleOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                _done = true;
                return 0;
            }

            (_chunk, _offset) = (next, 0);
            _sequence++;
        }

        var n = Math.Min(buffer.Length, _chunk.Length - _offset);
        _chunk.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
