using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The last page one may ask for: (page - 1) * pageSize stays an int, so the offset never overflows.</summary>
    public const int MaxPage = 1_000_000;

    public static IResult? Validate(int? page, int? pageSize)
    {
        var validation = new Validation()
            .When(page is < 1 or > MaxPage, "page", $"must be between 1 and {MaxPage}.")
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return validation.IsValid ? null : validation.Problem();
    }

    public static async Task<PagedList<TOut>> PageAsync<TIn, TOut>(
        IQueryable<TIn> ordered, int? page, int? pageSize, System.Linq.Expressions.Expression<Func<TIn, TOut>> select)
    {
        var total = await ordered.CountAsync();
        var (items, p, size) = await ItemsAsync(ordered, page, pageSize, select);
        return new PagedList<TOut>(items, p, size, total);
    }

    /// <summary>A page whose total is counted up to <paramref name="countUpTo"/> only (counting every match of a broad filter costs more than the page).</summary>
    public static async Task<PagedList<TOut>> PageCountingUpToAsync<TIn, TOut>(
        IQueryable<TIn> filtered, Func<IQueryable<TIn>, IOrderedQueryable<TIn>> order, int? page, int? pageSize, int countUpTo,
        System.Linq.Expressions.Expression<Func<TIn, TOut>> select)
    {
        var (items, p, size) = await ItemsAsync(order(filtered), page, pageSize, select);
        if (p == 1 && items.Count < size)
        {
            return new PagedList<TOut>(items, p, size, items.Count); // a first page that is not full is everything: no count needed
        }

        var counted = await filtered.Take(countUpTo + 1).CountAsync();
        return new PagedList<TOut>(items, p, size, Math.Min(counted, countUpTo), counted > countUpTo);
    }

    private static async Task<(List<TOut> Items, int Page, int PageSize)> ItemsAsync<TIn, TOut>(
        IQueryable<TIn> ordered, int? page, int? pageSize, System.Linq.Expressions.Expression<Func<TIn, TOut>> select)
    {
        var (p, size) = (page ?? 1, pageSize ?? DefaultPageSize);
        return (await ordered.Skip((p - 1) * size).Take(size).Select(select).ToListAsync(), p, size);
    }
}
