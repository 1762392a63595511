using System.Globalization;

namespace ArPlatform.Benchmarks;

public sealed record BenchmarkOptions(
    int Invoices, int Customers, int Clients, int BigCustomerInvoices, int BenchCustomers, string Suite, int CollectionCustomers, int CollectionInvoices,
    int CollectionEmails, int ReportingInvoices, int ReportingDealers)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var suite = Array.IndexOf(args, "--suite") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : "all";
        return new BenchmarkOptions(Value("--invoices", 1_000_000), Value("--customers", 2_000), Value("--clients", 8), Value("--big-customer-invoices", 10_000),
            Value("--customer-rows", 200_000), suite, Value("--collection-customers", 100_000), Value("--collection-invoices", 1_000_000),
            Value("--collection-emails", 10_000), Value("--reporting-invoices", 1_000_000), Value("--reporting-dealers", 2_000));
    }
}
