using ArPlatform.Reporting.Exports;

namespace ArPlatform.Reporting.Periodic;

/// <summary>
/// A client report as figures, before it is a file: its sections in order, each a table (the workbook's sheets, the
/// PDF's tables), and the headline the email states.
/// </summary>
public sealed record ClientReport(string Client, ReportPeriod Period, DateOnly GeneratedOn, DateTimeOffset GeneratedAt, IReadOnlyList<ClientReportSection> Sections,
    IReadOnlyList<string> Headline)
{
    public string Title => $"Collections report · {Client}";

    public string PeriodText => $"{Period.From:dd MMM yyyy} – {Period.To:dd MMM yyyy}";
}

/// <summary>One part of the report: its sheet name (at most 31 characters), a line on what it holds and as of when, and its table (rows kept in memory).</summary>
public sealed record ClientReportSection(string Sheet, string Description, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public ReportTable Table => new(Sheet, Columns, Rows);
}
