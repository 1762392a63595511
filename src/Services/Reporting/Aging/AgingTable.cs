using ArPlatform.Reporting.Exports;

namespace ArPlatform.Reporting.Aging;

/// <summary>The aging report as a table for the exports: one row per customer, a column per bucket, the total last.</summary>
public static class AgingTable
{
    public static ReportTable Of(AgingReport report) => new(
        $"aging-{report.AsOf:yyyy-MM-dd}",
        [new ReportColumn("customerId"), .. report.Buckets.Select(b => new ReportColumn(b.Label, IsNumber: true)), new ReportColumn("total", IsNumber: true)],
        report.Customers.Select(c => (object?[])[c.CustomerId, .. c.Buckets.Select(b => (object?)b.Amount), c.Total]));
}
