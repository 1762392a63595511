namespace ArPlatform.Identity.SignIn;

/// <summary>
/// The person's session with Identity itself (a cookie), which the authorization endpoint reads to issue codes
/// without asking for the password again until sign-out or expiry.
/// </summary>
public static class SignInSession
{
    public const string Scheme = "staff-session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(10);

    public static IHostApplicationBuilder AddSignInSession(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "arp_identity";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = Lifetime;
            options.SlidingExpiration = false;
            // Relative, so that behind the gateway the browser stays on the gateway's address.
            options.Events.OnRedirectToLogin = context =>
            {
                var returnUrl = context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "arp_identity_af");
        return builder;
    }
}
