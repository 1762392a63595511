using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>
/// Writes the CSV files the platform hands out. A text field starting with =, +, -, @, tab or CR is written quoted with a
/// single quote before it, so a spreadsheet shows it instead of running it as a formula (OWASP, CSV injection); amounts
/// the platform writes itself, through <see cref="WriteAmount"/>, stay numbers (-1000.00).
/// </summary>
public sealed class CsvExport(TextWriter writer) : CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape })
{
    private bool _writingAmount;

    public void WriteAmount(decimal? amount)
    {
        _writingAmount = true;
        try
        {
            WriteField(amount?.ToString("0.00", CultureInfo.InvariantCulture));
        }
        finally
        {
            _writingAmount = false;
        }
    }

    protected override string? SanitizeForInjection(string? field) => _writingAmount ? field : base.SanitizeForInjection(field);
}
