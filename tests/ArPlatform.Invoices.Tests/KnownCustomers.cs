using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Invoices.Tests;

/// <summary>Makes a customer known to Invoices the way production does: CustomerRegistered over the real bus.</summary>
public static class KnownCustomers
{
    public static async Task RegisterAsync(IServiceProvider services, Guid tenant, Guid customerId, string code, CustomerTerms? terms = null)
    {
        await Events.PublishAsync(services, new CustomerRegistered(tenant, customerId, code, $"Customer {code}", null, DateTimeOffset.UtcNow, terms));
        await ServiceHost.EventuallyAsync(async () =>
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            return await scope.ServiceProvider.GetRequiredService<InvoicesDbContext>().Customers.AnyAsync(c => c.Id == customerId);
        }, $"customer {code} to be known to Invoices");
    }
}
