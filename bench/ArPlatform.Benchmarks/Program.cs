using ArPlatform.Benchmarks;

// Runs the platform on private servers and measures what the invoices issue asks for, each beside a baseline
// measured in the same run. Usage: deploy/bench.sh [--suite all|invoices|customers|collections|reporting] [--invoices N] [--customers N] [--clients N]
// [--big-customer-invoices N] [--customer-rows N] [--collection-customers N] [--collection-invoices N] [--collection-emails N] [--reporting-invoices N] [--reporting-dealers N] [--keep]
var options = BenchmarkOptions.Parse(args);
await using var mail = MailSink.Start();
await using var platform = await BenchmarkPlatform.StartAsync(mail.ConnectionString);
var results = new List<string>();
try
{
    if (options.Suite is "all" or "customers")
    {
        await new CustomerBenchmarks(platform, options, results.Add).RunAsync();
    }

    if (options.Suite is "all" or "invoices")
    {
        await new InvoiceBenchmarks(platform, options, results.Add).RunAsync();
    }

    if (options.Suite is "all" or "collections")
    {
        await new CollectionBenchmarks(platform, mail, options, results.Add).RunAsync();
    }

    if (options.Suite is "all" or "reporting")
    {
        await new ReportingBenchmarks(platform, options, results.Add).RunAsync();
    }
}
catch (Exception)
{
    Console.Error.WriteLine($"The benchmark failed; the platform's logs are kept in {platform.KeepLogs()}");
    throw;
}

Console.WriteLine();
Console.WriteLine("== Results ==");
results.ForEach(Console.WriteLine);
if (args.Contains("--keep"))
{
    Console.WriteLine($"Platform kept running for inspection: gateway {platform.Gateway.BaseAddress}, invoices database " +
                      $"{platform.AdminConnectionString("invoicesdb")}. Press Enter to stop.");
    Console.ReadLine();
}
