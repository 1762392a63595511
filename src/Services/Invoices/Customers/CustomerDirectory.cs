using System.Net;
using System.Net.Http.Headers;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Customers;

/// <summary>How a request named its customer: by the platform's id or by the client's customer code.</summary>
public readonly record struct CustomerReference(Guid? Id, string? Code)
{
    public bool IsGiven => Id is { } id && id != Guid.Empty || !string.IsNullOrWhiteSpace(Code);

    public override string ToString() => Id is { } id && id != Guid.Empty ? id.ToString() : $"code '{Code}'";

    public string UnknownMessage => Id is { } id && id != Guid.Empty
        ? $"{id} is not the id of a customer of this tenant: register the customer first."
        : $"'{Code?.Trim()}' is not the code of a customer of this tenant: register the customer first.";

    public string UnavailableMessage => $"Customer {this} is not known here yet and the Customers service did not answer; nothing was recorded. Retry shortly.";
}

public enum Resolution
{
    Found,
    Unknown,
    CustomersUnavailable,
}

/// <summary>
/// Finds customers in Invoices' local copy; one it has not heard of yet (CustomerRegistered still on its way) is
/// asked of the Customers service with the caller's token and remembered, so there is no race between services.
/// </summary>
public sealed class CustomerDirectory(InvoicesDbContext db, IHttpClientFactory httpClients, IHttpContextAccessor http, TimeProvider clock, ILogger<CustomerDirectory> logger)
{
    public const string HttpClientName = "customers";

    private sealed record RemoteCustomer(Guid Id, string Code, CustomerTerms? Terms);

    public async Task<(Resolution Resolution, KnownCustomer? Customer)> ResolveAsync(CustomerReference reference, CancellationToken cancellationToken = default)
    {
        var found = await LocalAsync([reference], cancellationToken);
        if (found.Count > 0)
        {
            return (Resolution.Found, found.Values.Single());
        }

        return await RemoteAsync(reference, cancellationToken);
    }

    /// <summary>Resolves many references at once (batch imports): one local query, remote lookups only for the misses.</summary>
    public async Task<Dictionary<CustomerReference, (Resolution Resolution, KnownCustomer? Customer)>> ResolveManyAsync(
        IReadOnlyCollection<CustomerReference> references, CancellationToken cancellationToken = default)
    {
        var local = await LocalAsync(references, cancellationToken);
        var result = new Dictionary<CustomerReference, (Resolution, KnownCustomer?)>();
        foreach (var reference in references.Distinct())
        {
            result[reference] = local.TryGetValue(reference, out var customer)
                ? (Resolution.Found, customer)
                : await RemoteAsync(reference, cancellationToken);
        }

        return result;
    }

    private async Task<Dictionary<CustomerReference, KnownCustomer>> LocalAsync(IReadOnlyCollection<CustomerReference> references, CancellationToken cancellationToken)
    {
        var ids = references.Where(r => r.Id is not null).Select(r => r.Id!.Value).Distinct().ToList();
        var codes = references.Where(r => r.Id is null && r.Code is not null).Select(r => r.Code!.Trim()).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id) || codes.Contains(c.Code)).ToListAsync(cancellationToken);
        var byId = customers.ToDictionary(c => c.Id);
        var byCode = customers.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First());
        var result = new Dictionary<CustomerReference, KnownCustomer>();
        foreach (var reference in references)
        {
            var customer = reference.Id is { } id ? byId.GetValueOrDefault(id) : byCode.GetValueOrDefault(reference.Code!.Trim());
            if (customer is not null)
            {
                result[reference] = customer;
            }
        }

        return result;
    }

    private async Task<(Resolution, KnownCustomer?)> RemoteAsync(CustomerReference reference, CancellationToken cancellationToken)
    {
        if (http.HttpContext?.Request.Headers.Authorization.ToString() is not { Length: > 0 } authorization)
        {
            // No caller to ask on behalf of (a background import): Customers would refuse the lookup, which is no outage.
            // The local copy, kept by CustomerRegistered, is the answer.
            return (Resolution.Unknown, null);
        }

        var query = reference.Id is { } id ? $"id={id}" : $"code={Uri.EscapeDataString(reference.Code!.Trim())}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/internal/v1/customers/resolve?{query}");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);

        RemoteCustomer? remote;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (Resolution.Unknown, null);
            }

            response.EnsureSuccessStatusCode();
            remote = await response.Content.ReadFromJsonAsync<RemoteCustomer>(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Unreachable, not configured (no endpoint resolved), refusing or answering garbage: the caller gets a 503 to retry.
            logger.LogWarning(e, "Could not ask the Customers service about customer {Customer}", reference);
            return (Resolution.CustomersUnavailable, null);
        }

        if (remote is null)
        {
            return (Resolution.CustomersUnavailable, null);
        }

        // What the lookup returned is current now: any update before it is included, any later one is newer.
        var customer = KnownCustomer.From(db.Tenant.RequiredTenantId, remote.Id, remote.Code, remote.Terms, clock.GetUtcNow());
        await RememberAsync(db, customer, cancellationToken);
        return (Resolution.Found, customer);
    }

    /// <summary>Inserts or refreshes the local copy (an event and a lookup may both deliver the same customer); an older state is ignored.</summary>
    public static Task RememberAsync(InvoicesDbContext db, KnownCustomer c, CancellationToken cancellationToken) =>
        RememberManyAsync(db, c.TenantId, [c], cancellationToken);

    public static Task RememberManyAsync(InvoicesDbContext db, Guid tenantId, IReadOnlyList<KnownCustomer> customers, CancellationToken cancellationToken) =>
        RememberManyAsync(db, tenantId, [.. customers.Select(c => c.Id)], [.. customers.Select(c => c.Code)], [.. customers.Select(c => c.DefaultNetDays)],
            [.. customers.Select(c => c.DefaultDiscountPercent)], [.. customers.Select(c => c.DefaultDiscountDays)], [.. customers.Select(c => c.KnownAsOf)],
            cancellationToken);

    /// <summary>The same for customers given in columns: the i-th entry of every array is one customer.</summary>
    public static async Task RememberManyAsync(
        InvoicesDbContext db, Guid tenantId, Guid[] ids, string[] codes, int?[] netDays, decimal?[] discountPercents, int?[] discountDays,
        DateTimeOffset[] asOf, CancellationToken cancellationToken)
    {
        if (asOf.Length > 0)
        {
            await Tenants.KnownTenants.RememberAsync(db, tenantId, asOf.Min(), cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO customers (id, tenant_id, code, default_net_days, default_discount_percent, default_discount_days, known_as_of)
            SELECT id, {tenantId}, code, net_days, discount_percent, discount_days, as_of
            FROM (SELECT unnest({ids}) AS id, unnest({codes}) AS code, unnest({netDays}) AS net_days, unnest({discountPercents}) AS discount_percent,
                         unnest({discountDays}) AS discount_days, unnest({asOf}) AS as_of) AS c
            ON CONFLICT (id) DO UPDATE SET code = excluded.code, default_net_days = excluded.default_net_days,
                default_discount_percent = excluded.default_discount_percent, default_discount_days = excluded.default_discount_days,
                known_as_of = excluded.known_as_of
            WHERE customers.known_as_of <= excluded.known_as_of
            """, cancellationToken);
    }
}

public static class CustomerDirectoryRegistration
{
    public static IHostApplicationBuilder AddCustomerDirectory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CustomerDirectory>();
        builder.Services.AddHttpClient(CustomerDirectory.HttpClientName,
            client => client.BaseAddress = new Uri($"https+http://{ResourceNames.Customers}"));
        return builder;
    }
}
