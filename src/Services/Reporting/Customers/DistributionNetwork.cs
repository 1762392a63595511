namespace ArPlatform.Reporting.Customers;

/// <summary>The tenant's distribution network (distributors above their dealers), from the customers' parents.</summary>
public static class DistributionNetwork
{
    /// <summary>A bound on the depth walked, so that a bad copy (a cycle, which Customers cannot make) cannot loop.</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// Every customer's value for its whole subtree: its own (<paramref name="own"/>) added to those of every customer
    /// below it. A customer whose parent is unknown counts as a root.
    /// </summary>
    public static Dictionary<Guid, T> RollUp<T>(IReadOnlyDictionary<Guid, ReportCustomer> customers, Func<Guid, T> own, Func<T, T, T> add)
    {
        var children = customers.Values.Where(c => c.ParentId is { } p && customers.ContainsKey(p)).ToLookup(c => c.ParentId!.Value);
        var subtree = new Dictionary<Guid, T>(customers.Count);
        T Sum(Guid id, int depth)
        {
            var sum = own(id);
            foreach (var child in depth < MaxDepth ? children[id] : [])
            {
                sum = add(sum, Sum(child.CustomerId, depth + 1));
            }

            return subtree[id] = sum;
        }

        foreach (var root in customers.Values.Where(c => c.ParentId is not { } p || !customers.ContainsKey(p)))
        {
            Sum(root.CustomerId, 0);
        }

        return subtree;
    }
}
