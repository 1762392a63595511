using System.Globalization;
using CsvHelper;

namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>Reads typed fields from a CSV row by header name, collecting the first error with the field it concerns.</summary>
public sealed class CsvFields(IReaderRow row, int line)
{
    public ImportRowError? Error { get; private set; }

    public string? Text(string name) =>
        row.TryGetField<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public decimal? Decimal(string name) => Parse<decimal>(name, "a number such as 1234.50",
        v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null);

    public int? Int(string name) => Parse<int>(name, "a whole number", v => int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : null);

    public DateOnly? Date(string name) => Parse<DateOnly>(name, "a date as yyyy-MM-dd",
        v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null);

    public Guid? Guid(string name) => Parse<System.Guid>(name, "a UUID", v => System.Guid.TryParse(v, out var g) ? g : null);

    public void Fail(string field, string message) => Error ??= new ImportRowError(line, field, message);

    private T? Parse<T>(string name, string expected, Func<string, T?> parse) where T : struct
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            Fail(name, $"'{text}' is not {expected}.");
        }

        return value;
    }
}
