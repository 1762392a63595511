using System.Globalization;

namespace ArPlatform.Benchmarks;

public sealed record BenchmarkOptions(int Invoices, int Customers, int Clients, int BigCustomerInvoices)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(Value("--invoices", 1_000_000), Value("--customers", 2_000), Value("--clients", 8), Value("--big-customer-invoices", 10_000));
    }
}
