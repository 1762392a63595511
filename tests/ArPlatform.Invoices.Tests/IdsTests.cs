using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Invoices.Tests;

/// <summary>The batched version 7 ids that bulk imports give invoices and ledger entries.</summary>
public sealed class IdsTests
{
    [Fact]
    public void Ids_are_version_7_with_the_timestamp_in_front_and_never_repeat_across_refills()
    {
        var at = new DateTimeOffset(2026, 11, 23, 8, 0, 0, 123, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 2000).Select(_ => Ids.NewVersion7(at)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, id.Variant >> 2); // RFC 9562 variant
            Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(id.ToString("N")[..12], 16));
        });

        // Same layout as the runtime's own version 7 ids: the same timestamp prefix, so both sort by time together.
        Assert.Equal(Guid.CreateVersion7(at).ToString("N")[..12], ids[0].ToString("N")[..12]);
    }

    [Fact]
    public void Later_ids_sort_after_earlier_ones()
    {
        var first = Ids.NewVersion7(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var second = Ids.NewVersion7(new DateTimeOffset(2026, 11, 23, 8, 0, 0, 1, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(first.ToString(), second.ToString()) < 0);
    }

    [Fact]
    public void A_time_before_1970_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ids.NewVersion7(new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero)));
}
