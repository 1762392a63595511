using System.Diagnostics;
using System.Net.Http.Headers;
using Npgsql;

namespace ArPlatform.Benchmarks;

/// <summary>What every benchmark measures with: percentiles, a raw COPY baseline, a quiet machine.</summary>
internal static class Measurements
{
    public static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Seconds a binary COPY of <paramref name="rows"/> rows takes into a scratch copy of <paramref name="table"/> (same
    /// columns and indexes), dropped afterwards: the ceiling an import through the API is compared with.
    /// </summary>
    public static async Task<double> CopySecondsAsync(
        string connectionString, string table, string columns, int rows, Func<NpgsqlBinaryImporter, int, Task> writeRow)
    {
        var scratch = $"bench_copy_{table}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS {scratch}; CREATE TABLE {scratch} (LIKE {table} INCLUDING ALL);", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {scratch} ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                await writer.StartRowAsync();
                await writeRow(writer, i);
            }

            await writer.CompleteAsync();
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await using (var drop = new NpgsqlCommand($"DROP TABLE {scratch}", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return seconds;
    }

    public static async Task WaitForQuietMachineAsync(string what)
    {
        static (long Idle, long Total) Sample()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            return (fields[3] + fields[4], fields.Sum());
        }

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            var before = Sample();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var after = Sample();
            var idle = (double)(after.Idle - before.Idle) / Math.Max(1, after.Total - before.Total);
            if (idle >= 0.8)
            {
                break;
            }
        }

        Console.WriteLine($"  waited {watch.Elapsed.TotalSeconds:0} s for {what}");
    }

    /// <summary>
    /// Milliseconds of each GET through the gateway, the paths taken in turn each round (so a noisy moment hits them alike),
    /// after five rounds of warm-up.
    /// </summary>
    public static async Task<List<double>[]> InterleavedLatenciesAsync(BenchmarkPlatform platform, string token, string[] paths, int rounds)
    {
        var latencies = paths.Select(_ => new List<double>(rounds)).ToArray();
        for (var round = 0; round < rounds + 5; round++)
        {
            for (var p = 0; p < paths.Length; p++)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, paths[p]);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var watch = Stopwatch.StartNew();
                using var response = await platform.Gateway.SendAsync(message);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                if (round >= 5)
                {
                    latencies[p].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        return latencies;
    }
}
