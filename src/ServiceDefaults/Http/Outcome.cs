using Microsoft.AspNetCore.Http;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>
/// What a use case answers, whoever called it (an endpoint, an import, a job): the value, or why not. Endpoints turn
/// it into HTTP with <see cref="ToResult"/>; imports report <see cref="Errors"/> by line.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, OutcomeKind kind, IDictionary<string, string[]>? errors = null, string? title = null, string? detail = null)
    {
        Value = value;
        Kind = kind;
        Errors = errors ?? new Dictionary<string, string[]>();
        Title = title;
        Detail = detail;
    }

    public T? Value { get; }

    public OutcomeKind Kind { get; }

    public bool Succeeded => Kind == OutcomeKind.Ok;

    /// <summary>The broken rules by field (for <see cref="OutcomeKind.Invalid"/>), else the title and detail under one key.</summary>
    public IDictionary<string, string[]> Errors { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public static Outcome<T> Ok(T value) => new(value, OutcomeKind.Ok);

    public static Outcome<T> Invalid(IDictionary<string, string[]> errors) => new(default, OutcomeKind.Invalid, errors);

    public static Outcome<T> Invalid(Validation validation) => Invalid(validation.Errors);

    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Outcome<T> NotFound() => new(default, OutcomeKind.NotFound);

    public static Outcome<T> Conflict(string title, string detail) => new(default, OutcomeKind.Conflict, null, title, detail);

    /// <summary>The caller may do this kind of thing, but not this one (a credit above what their right allows).</summary>
    public static Outcome<T> Forbidden(string title, string detail) => new(default, OutcomeKind.Forbidden, null, title, detail);

    public static Outcome<T> Unavailable(string title, string detail) => new(default, OutcomeKind.Unavailable, null, title, detail);

    /// <summary>The same failure for another value type (a use case passing on what one of its steps answered).</summary>
    public Outcome<TOther> As<TOther>() => Succeeded
        ? throw new InvalidOperationException("A successful outcome has a value: map it instead.")
        : new(default, Kind, Errors, Title, Detail);

    /// <summary>The failure as one line per field, for a row of an import.</summary>
    public IEnumerable<(string Field, string Message)> Messages() => Kind switch
    {
        OutcomeKind.Invalid => Errors.Select(e => (e.Key, string.Join(" ", e.Value))),
        OutcomeKind.NotFound => [("id", "was not found.")],
        _ => [("row", $"{Title} {Detail}".Trim())],
    };

    public IResult ToResult(Func<T, IResult> ok) => Kind switch
    {
        OutcomeKind.Ok => ok(Value!),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(Errors, title: "The request is not valid.",
            detail: "See errors: each field names the rule it broke."),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: Detail),
        OutcomeKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Title, detail: Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Title, detail: Detail),
    };
}

public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    Unavailable,
}
