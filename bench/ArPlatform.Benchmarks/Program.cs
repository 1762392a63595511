using ArPlatform.Benchmarks;

// Runs the platform on private servers and measures what the invoices issue asks for, each beside a baseline
// measured in the same run. Usage: deploy/bench.sh [--invoices N] [--customers N] [--clients N]
var options = BenchmarkOptions.Parse(args);
await using var platform = await BenchmarkPlatform.StartAsync();
var results = new List<string>();
await new InvoiceBenchmarks(platform, options, results.Add).RunAsync();
Console.WriteLine();
Console.WriteLine("== Results ==");
results.ForEach(Console.WriteLine);
if (args.Contains("--keep"))
{
    Console.WriteLine($"Platform kept running for inspection: gateway {platform.Gateway.BaseAddress}, invoices database " +
                      $"{platform.AdminConnectionString("invoicesdb")}. Press Enter to stop.");
    Console.ReadLine();
}
