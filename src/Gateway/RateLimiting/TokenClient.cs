using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ArPlatform.Gateway.RateLimiting;

/// <summary>
/// The client_id a token request names: in its form body (client_secret_post) or its Basic credentials
/// (client_secret_basic, RFC 6749 §2.3.1: form-encoded, then Base64). Only a small form is read, from a buffer the
/// request is then forwarded from. Returned hashed: a bounded, inert Redis key whatever the caller sent.
/// </summary>
public static class TokenClient
{
    /// <summary>A token request's form is a few hundred bytes; a larger one is not read (its address is still counted).</summary>
    public const int MaxFormBytes = 16 * 1024;

    public static async Task<string?> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.Equals("/connect/token", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = FromBasic(request.Headers.Authorization.ToString());
        if (clientId is null && request.HasFormContentType && request.ContentLength is > 0 and <= MaxFormBytes)
        {
            request.EnableBuffering(MaxFormBytes, MaxFormBytes);
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                clientId = form["client_id"].ToString();
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                clientId = null; // not a readable form: Identity answers it
            }
            finally
            {
                request.Body.Position = 0;
            }
        }

        return string.IsNullOrEmpty(clientId) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)))[..32];
    }

    private static string? FromBasic(string authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 and <= MaxFormBytes } parameter)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return WebUtility.UrlDecode(colon < 0 ? decoded : decoded[..colon]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
