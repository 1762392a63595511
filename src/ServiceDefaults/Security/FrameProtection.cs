using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArPlatform.ServiceDefaults.Security;

/// <summary>
/// No other site may frame what this process answers (clickjacking): every response carries
/// <c>X-Frame-Options: DENY</c> and a Content-Security-Policy with <c>frame-ancestors 'none'</c> (added to a policy the
/// response already has, or on its own), and <c>X-Content-Type-Options: nosniff</c>. Set as the response starts, so
/// that it also holds for what the gateway forwards.
/// </summary>
public static class FrameProtection
{
    public const string FrameAncestors = "frame-ancestors 'none'";

    public static IApplicationBuilder UseFrameProtection(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            Apply(context.Response.Headers);
            return Task.CompletedTask;
        });
        return next(context);
    });

    public static void Apply(IHeaderDictionary headers)
    {
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        var policy = headers.ContentSecurityPolicy.ToString();
        if (policy.Length == 0)
        {
            headers.ContentSecurityPolicy = FrameAncestors;
        }
        else if (!policy.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = policy.TrimEnd(' ', ';') + "; " + FrameAncestors;
        }
    }
}
