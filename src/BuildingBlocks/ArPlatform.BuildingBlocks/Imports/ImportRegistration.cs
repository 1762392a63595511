using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.BuildingBlocks.Imports;

public static class ImportRegistration
{
    /// <summary>The import worker for <typeparamref name="TContext"/>'s import tables; add an <see cref="IImportHandler"/> per kind of file.</summary>
    public static IHostApplicationBuilder AddImports<TContext>(this IHostApplicationBuilder builder) where TContext : TenantDbContext
    {
        builder.Services.AddSingleton<ImportSignal>();
        builder.Services.AddSingleton<ImportWorker<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ImportWorker<TContext>>());
        return builder;
    }
}
