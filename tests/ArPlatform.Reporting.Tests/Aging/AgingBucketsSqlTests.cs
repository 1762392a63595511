using System.Globalization;
using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Testing;
using Npgsql;

namespace ArPlatform.Reporting.Tests;

/// <summary>The aging bucket rule in SQL (<see cref="AgingBuckets.IndexSql"/>) puts every day where its C# form does.</summary>
public sealed class AgingBucketsSqlTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    // As tenants ask for them, and as they are kept (with the "Not due" bound 0 first).
    private static readonly int[][] BoundSets =
    [
        [30, 60, 90], [15, 45, 90], [1], [10, 20, 30, 40, 50],
        [0, 30, 60, 90], [0, 15, 45, 90], [0, 1], [0, 10, 20, 30, 40, 50], [.. AgingBuckets.DefaultUpperBounds],
    ];

    [Fact]
    public async Task The_sql_form_puts_every_day_past_due_in_the_bucket_the_csharp_form_does()
    {
        var days = Enumerable.Range(-5, 206).Concat(BoundSets.SelectMany(b => b).SelectMany(b => new[] { b - 1, b, b + 1 })).Distinct().Order().ToArray();
        var sets = BoundSets.Select(b => "{" + string.Join(',', b) + "}").ToArray();

        // One statement for the whole grid, bucketing as the snapshot rebuild does: today minus each item's due date.
        var sql = $"""
            WITH sets AS (SELECT n::int AS n, t::int[] AS bounds FROM unnest(@sets) WITH ORDINALITY AS u(t, n)),
                 items AS (SELECT day, @today - day AS due_date FROM unnest(@days) AS d(day))
            SELECT sets.n, items.day, {AgingBuckets.IndexSql("sets.bounds", "@today - items.due_date")} AS bucket
            FROM sets CROSS JOIN items
            """;
        await using var connection = new NpgsqlConnection(await infrastructure.NewDatabaseAsync("agingbuckets"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("sets", sets));
        command.Parameters.Add(new NpgsqlParameter<int[]>("days", days));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("today", Today));

        var compared = 0;
        var disagreements = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (bounds, day, inSql) = (BoundSets[reader.GetInt32(0) - 1], reader.GetInt32(1), reader.GetInt32(2));
                var inCSharp = AgingBuckets.IndexOf(bounds, day);
                if (inSql != inCSharp)
                {
                    disagreements.Add(string.Create(CultureInfo.InvariantCulture, $"[{string.Join(", ", bounds)}] day {day}: SQL {inSql}, C# {inCSharp}"));
                }

                compared++;
            }
        }

        Assert.Empty(disagreements);
        Assert.Equal(BoundSets.Length * days.Length, compared);
        // The grid reaches every bucket of every set, its first and its last.
        Assert.All(BoundSets, bounds => Assert.Equal(Enumerable.Range(0, bounds.Length + 1), days.Select(d => AgingBuckets.IndexOf(bounds, d)).Distinct().Order()));
    }
}
