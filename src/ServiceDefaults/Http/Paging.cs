using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.ServiceDefaults.Http;

/// <summary>A page of a list: <c>page</c> is 1-based; <c>total</c> counts every matching item.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IResult? Validate(int? page, int? pageSize)
    {
        var validation = new Validation()
            .When(page is < 1, "page", "must be 1 or more.")
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return validation.IsValid ? null : validation.Problem();
    }

    public static async Task<PagedList<TOut>> PageAsync<TIn, TOut>(
        IQueryable<TIn> ordered, int? page, int? pageSize, System.Linq.Expressions.Expression<Func<TIn, TOut>> select)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        var total = await ordered.CountAsync();
        var items = await ordered.Skip((p - 1) * size).Take(size).Select(select).ToListAsync();
        return new PagedList<TOut>(items, p, size, total);
    }
}
