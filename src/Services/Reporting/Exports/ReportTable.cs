namespace ArPlatform.Reporting.Exports;

/// <summary>A column of an exported report: its heading and whether its cells are numbers (kept numbers in a spreadsheet).</summary>
public sealed record ReportColumn(string Name, bool IsNumber = false);

/// <summary>
/// A report as a table, the one shape every export writes (CSV and XLSX): its columns and its rows, each row one value
/// per column (text, a number or null), produced as the file is written.
/// </summary>
public sealed record ReportTable(string FileName, IReadOnlyList<ReportColumn> Columns, IEnumerable<object?[]> Rows);

/// <summary>The formats a report is exported in (<c>format=</c>).</summary>
public static class ExportFormats
{
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public static readonly IReadOnlyList<string> All = [Json, Csv, Xlsx];

    public static string? Rule(string? format) => format is null || All.Contains(format) ? null : $"must be one of {string.Join(", ", All)}.";
}
