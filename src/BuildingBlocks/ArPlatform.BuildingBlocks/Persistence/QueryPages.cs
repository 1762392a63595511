using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>A page of a query, counted and read with EF Core, by the rules of <see cref="Paging"/>.</summary>
public static class QueryPages
{
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
        var (p, size) = (page ?? 1, pageSize ?? Paging.DefaultPageSize);
        return (await ordered.Skip((p - 1) * size).Take(size).Select(select).ToListAsync(), p, size);
    }
}
