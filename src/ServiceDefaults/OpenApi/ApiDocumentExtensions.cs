using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.ServiceDefaults.OpenApi;

public static class ApiDocumentExtensions
{
    /// <summary>
    /// The service's OpenAPI document at /openapi/v1.json (the gateway publishes it as /openapi/{service}.json), with
    /// what the platform enforces around every operation: the security schemes, problem-details errors and rate-limit headers.
    /// </summary>
    public static TBuilder AddApiDocument<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer(PlatformOpenApiTransformers.DocumentAsync)
            .AddOperationTransformer(PlatformOpenApiTransformers.OperationAsync)
            .AddSchemaTransformer(PlatformOpenApiTransformers.SchemaAsync));
        if (GeneratingDocuments)
        {
            // Build-time generation (Microsoft.Extensions.ApiDescription.Server) starts the host to read its endpoints:
            // without this, migrations, the bus and the jobs would start too, against servers that are not there.
            builder.ConfigureContainer(new WithoutOwnHostedServices());
        }

        return builder;
    }

    /// <summary>Whether this process is the build's OpenAPI document generator, which runs the start-up code and serves nothing.</summary>
    public static bool GeneratingDocuments =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>The default container, less every hosted service not of ASP.NET Core itself (which serves the endpoints).</summary>
    private sealed class WithoutOwnHostedServices : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services)
        {
            var own = services.Where(d => d.ServiceType == typeof(IHostedService)
                && d.ImplementationType?.Assembly.GetName().Name?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) != true).ToList();
            foreach (var descriptor in own)
            {
                services.Remove(descriptor);
            }

            return services;
        }

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
    }
}

/// <summary>An example of an operation's request body, shown in the API reference (<see cref="RequestExamples.WithRequestExample"/>).</summary>
public sealed record RequestExample(System.Text.Json.Nodes.JsonNode Json);

public static class RequestExamples
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Shows <paramref name="example"/> (serialized as the API reads it) as the request body's example.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(System.Text.Json.JsonSerializer.SerializeToNode(example, Web)!));
}

/// <summary>The longest string each item of a list may be, as the endpoint's validation checks it (the OpenAPI items' maxLength).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsMaxLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}
