using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>Collects field errors and turns them into a 400 validation problem (RFC 9457) naming each field.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>The broken rules by field, as in the problem details' <c>errors</c>.</summary>
    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required.");
        }

        return Text(field, value, maxLength);
    }

    /// <summary>
    /// Optional text: at most <paramref name="maxLength"/> characters and no control characters but tab and line breaks
    /// (PostgreSQL cannot store NUL; the others are encoding or typing errors).
    /// </summary>
    public Validation Text(string field, string? value, int maxLength = 200) =>
        value is null ? this
        : value.Length > maxLength ? Add(field, $"must be at most {maxLength} characters.")
        : value.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')) ? Add(field, "must not contain control characters.")
        : this;

    public Validation Required<T>(string field, T? value) where T : struct =>
        value is null ? Add(field, "is required.") : this;

    public Validation Required(string field, Guid? value) =>
        value is null || value == Guid.Empty ? Add(field, "is required.") : this;

    public Validation When(bool broken, string field, string message) => broken ? Add(field, message) : this;

    /// <summary>An optional email address: something@domain.tld, at most <paramref name="maxLength"/> characters.</summary>
    public Validation Email(string field, string? value, int maxLength = 254) =>
        value is null || (value.Length <= maxLength && EmailPattern().IsMatch(value)) ? this : Add(field, "must be an email address such as ap@example.in.");

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    /// <summary>
    /// A business date inside the window the platform accepts (ADR 0014): from <see cref="Http.BusinessDate.Earliest"/>
    /// to <paramref name="latest"/>; <paramref name="tooLate"/> names the rule of the upper end.
    /// </summary>
    public Validation BusinessDate(string field, DateOnly? value, DateOnly latest, string tooLate = "must not be in the future.") =>
        value is not { } date ? this
        : date < Http.BusinessDate.Earliest ? Add(field, $"must be on or after {Http.BusinessDate.Earliest:yyyy-MM-dd}.")
        : date > latest ? Add(field, tooLate)
        : this;

    /// <summary>An optional date of a query string (YYYY-MM-DD); null, with the problem added, when it is not one.</summary>
    public DateOnly? QueryDate(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(field, "must be a date in the form YYYY-MM-DD.");
            return null;
        }

        return date;
    }

    public IResult Problem() => TypedResults.ValidationProblem(
        Errors,
        title: "The request is not valid.",
        detail: "See errors: each field names the rule it broke.");
}
