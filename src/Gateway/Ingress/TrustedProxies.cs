using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ArPlatform.Gateway.Ingress;

/// <summary>
/// The caller's address behind an ingress. X-Forwarded-For is believed only from the proxies listed in
/// <c>Gateway:ForwardedHeaders:KnownProxies</c> (addresses) and <c>KnownNetworks</c> (CIDR ranges), by default the
/// loopback addresses only (a developer's machine, where the ingress is local); from anyone else it is ignored and the
/// connection's own address counts. Only the last <c>ForwardLimit</c> entries (1 by default: one ingress) are taken,
/// so a caller cannot choose its address by sending its own header through the ingress.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Gateway:ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? []).Select(p => IPAddress.TryParse(p.Trim(), out var address) ? address : throw Invalid("KnownProxies", p, "an IP address")).ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network : throw Invalid("KnownNetworks", n, "a network in CIDR notation, such as 10.0.0.0/8")).ToList();
        if (proxies.Count + networks.Count == 0)
        {
            proxies = [IPAddress.IPv6Loopback];
            networks = [System.Net.IPNetwork.Parse("127.0.0.0/8")];
        }

        var forwardLimit = section.GetValue("ForwardLimit", 1);
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = forwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
    }

    private static InvalidOperationException Invalid(string setting, string value, string what) =>
        new($"{Section}:{setting} has '{value}', which is not {what}.");
}
