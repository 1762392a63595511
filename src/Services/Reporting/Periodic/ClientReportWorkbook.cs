using ArPlatform.BuildingBlocks.Time;
using ArPlatform.Reporting.Exports;
using MiniExcelLibs;

namespace ArPlatform.Reporting.Periodic;

/// <summary>A client report as an XLSX workbook: an About sheet, then one sheet per section; numbers stay numbers, text is never a formula.</summary>
public static class ClientReportWorkbook
{
    public static async Task<byte[]> RenderAsync(ClientReport report, CancellationToken cancellationToken)
    {
        var sheets = new Dictionary<string, object>
        {
            ["About"] = ReportFile.XlsxRows(new ReportTable("About", [new("item"), new("text")],
            [
                ["Report", report.Title], ["Client", report.Client], ["Period", report.PeriodText],
                ["Generated at", India.Time(report.GeneratedAt).ToString("yyyy-MM-dd HH:mm 'IST'")],
                .. report.Headline.Select(line => new object?[] { "Headline", line }),
                .. report.Sections.Select(s => new object?[] { s.Sheet, s.Description }),
            ])).ToList(),
        };
        foreach (var section in report.Sections)
        {
            var rows = ReportFile.XlsxRows(section.Table).ToList();
            if (rows.Count == 0)
            {
                // A sheet with no rows would lose its headings: one row says there is nothing.
                rows.Add(section.Columns.Select((c, i) => (c.Name, Value: i == 0 ? (object?)"(none)" : null)).ToDictionary(c => c.Name, c => c.Value));
            }

            sheets[section.Sheet] = rows;
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        return stream.ToArray();
    }
}
