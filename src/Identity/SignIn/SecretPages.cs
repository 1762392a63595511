namespace ArPlatform.Identity.SignIn;

/// <summary>The pages that carry a one-time token or a password form: the sign-in page and the set-password page.</summary>
public static class SecretPages
{
    /// <summary>An endpoint filter: the page is kept by no cache, sent to no other site, framed by none.</summary>
    public static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return await next(context);
    }
}
