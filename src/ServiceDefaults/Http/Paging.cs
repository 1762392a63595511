using Microsoft.AspNetCore.Http;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>
/// A page of a list: <c>page</c> is 1-based; <c>total</c> counts every matching item, or says "at least" this many
/// when <c>totalIsLowerBound</c> (lists that stop counting at a cap to stay fast).
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool TotalIsLowerBound = false);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The last page a list serves, so that its offset, (page - 1) × pageSize, always fits an int.</summary>
    public const int MaxPage = 1_000_000;

    public static IResult? Validate(int? page, int? pageSize)
    {
        var validation = new Validation()
            .When(page is < 1 or > MaxPage, "page", $"must be between 1 and {MaxPage}.")
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return validation.IsValid ? null : validation.Problem();
    }
}
