using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults.Security;
using ArPlatform.Workbench.SignIn;
using Microsoft.AspNetCore.Authentication;

namespace ArPlatform.Workbench.Api;

/// <summary>
/// The platform's API through the gateway, as the signed-in person: their access token, and the tenant a call acts
/// for in X-Tenant. The gateway and the service check both again; this only saves a call that would be refused.
/// </summary>
public sealed class PlatformApi(HttpClient http, IHttpContextAccessor accessor)
{
    public const string ClientName = "platform-api";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<T> GetAsync<T>(string path, Guid? tenant = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, tenant, null, null, cancellationToken);

    public Task<T> PostAsync<T>(string path, object body, Guid tenant, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, tenant, body, idempotencyKey, cancellationToken);

    /// <summary>A response streamed as it comes (a letter's PDF); the caller disposes it.</summary>
    public async Task<HttpResponseMessage> StreamAsync(string path, Guid tenant, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, tenant, null, null);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ApiException.FromAsync(response, cancellationToken);
            }
        }

        return response;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, Guid? tenant, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(method, path, tenant, body, idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiException.FromAsync(response, cancellationToken);
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, Guid? tenant, object? body, string? idempotencyKey)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("The platform's API is called while serving a request only.");
        var token = await context.GetTokenAsync(WorkbenchSignIn.CookieScheme, "access_token")
            ?? throw new ApiException(HttpStatusCode.Unauthorized, "Your session has ended. Sign in again.", null);
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenant is { } t)
        {
            request.Headers.Add(PlatformAuth.TenantHeader, t.ToString());
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}

/// <summary>A refusal of the API in words a collector understands, with the fields it names.</summary>
public sealed class ApiException(HttpStatusCode status, string message, IReadOnlyDictionary<string, string[]>? errors) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public static async Task<ApiException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonObject? problem = null;
        try
        {
            problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
        }

        var errors = problem?["errors"] is JsonObject fields
            ? fields.ToDictionary(f => f.Key, f => f.Value is JsonArray a ? a.Select(m => m?.ToString() ?? "").ToArray() : [f.Value?.ToString() ?? ""])
            : null;
        var detail = (string?)problem?["detail"] ?? (string?)problem?["title"];
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "Your session has ended. Sign in again.",
            HttpStatusCode.Forbidden => detail ?? "You are not allowed to do this for this client.",
            HttpStatusCode.NotFound => "This record does not exist, or belongs to a client you do not work for.",
            HttpStatusCode.TooManyRequests => "Too many requests at once. Wait a few seconds and try again.",
            >= HttpStatusCode.InternalServerError => "The platform could not answer just now. Try again in a minute; if it keeps happening, tell support.",
            _ when errors is { Count: > 0 } => "Some fields need correcting: see the messages beside them.",
            _ => detail ?? "The platform refused this request.",
        };
        return new ApiException(response.StatusCode, message, errors);
    }
}

public static class PlatformApiRegistration
{
    public static WebApplicationBuilder AddPlatformApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<PlatformApi>(client => client.BaseAddress = WorkbenchSignIn.ApiOrigin(builder.Configuration));
        return builder;
    }
}
