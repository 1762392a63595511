using System.Globalization;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.WebUtilities;
using MiniExcelLibs;

namespace ArPlatform.Reporting.Exports;

/// <summary>
/// Writes a <see cref="ReportTable"/> to the response as CSV (streamed while its rows are produced) or XLSX. Text that a
/// spreadsheet would take for a formula (starting with =, +, -, @, a tab or a return) is escaped in CSV by
/// <see cref="CsvExport"/>; in XLSX every text is written as a string cell, never a formula, and numbers as numbers.
/// </summary>
public sealed class ReportFile(ReportTable table, string format) : IResult
{
    public static readonly string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = format == ExportFormats.Csv ? "text/csv; charset=utf-8" : XlsxContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{table.FileName}.{format}\"";
        if (format == ExportFormats.Csv)
        {
            await WriteCsvAsync(response.Body, httpContext.RequestAborted);
        }
        else
        {
            // A workbook is a zip, whose writer ends with synchronous writes that Kestrel refuses: it is written to a buffer
            // (memory, then a temporary file past 1 MB) and that is sent.
            await using var buffer = new FileBufferingWriteStream();
            await WriteXlsxAsync(buffer, httpContext.RequestAborted);
            await buffer.DrainBufferAsync(response.Body, httpContext.RequestAborted);
        }
    }

    public async Task WriteCsvAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, leaveOpen: true);
        await using var csv = new CsvExport(writer);
        foreach (var column in table.Columns)
        {
            csv.WriteField(column.Name);
        }

        await csv.NextRecordAsync();
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (table.Columns[i].IsNumber)
                {
                    csv.WriteAmount(row[i] is null ? null : Convert.ToDecimal(row[i], CultureInfo.InvariantCulture));
                }
                else
                {
                    csv.WriteField(Convert.ToString(row[i], CultureInfo.InvariantCulture));
                }
            }

            await csv.NextRecordAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        await csv.FlushAsync();
    }

    public Task WriteXlsxAsync(Stream stream, CancellationToken cancellationToken) =>
        stream.SaveAsAsync(XlsxRows(table), sheetName: "Report", cancellationToken: cancellationToken);

    /// <summary>A table's rows as MiniExcel writes them: numbers as numbers, every other value as a string cell (never a formula).</summary>
    public static IEnumerable<IDictionary<string, object?>> XlsxRows(ReportTable table)
    {
        foreach (var row in table.Rows)
        {
            var cells = new Dictionary<string, object?>(table.Columns.Count);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                cells[table.Columns[i].Name] = table.Columns[i].IsNumber || row[i] is null ? row[i] : Convert.ToString(row[i], CultureInfo.InvariantCulture);
            }

            yield return cells;
        }
    }
}
