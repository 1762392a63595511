using Microsoft.AspNetCore.Http.Features;

namespace ArPlatform.Gateway.Uploads;

/// <summary>
/// CSV imports (POST .../imports) may be far larger than ordinary API bodies: they stream through to the service,
/// which stores them in pieces, so the gateway lets them through up to <c>Gateway:MaxImportBodyBytes</c> (2 GB).
/// </summary>
public sealed class ImportBodyLimit(RequestDelegate next, IConfiguration configuration)
{
    private readonly long _limit = configuration.GetValue("Gateway:MaxImportBodyBytes", 2L * 1024 * 1024 * 1024);

    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.Value?.TrimEnd('/').EndsWith("/imports", StringComparison.OrdinalIgnoreCase) == true
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = _limit;
        }

        return next(context);
    }
}
