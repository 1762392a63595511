using System.Collections.Concurrent;
using System.Net;

namespace ArPlatform.Collections.Messages;

/// <summary>
/// Sends text messages (ADR 0027): <see cref="HttpJsonSmsProvider"/> when <c>Collections:Sms:Url</c> is set;
/// <see cref="RecordingSmsProvider"/> only in Development (and the tests); otherwise <see cref="NoSmsProvider"/>, with
/// which every SMS fails with "no provider", so that nothing is recorded as sent that was not.
/// </summary>
public interface ISmsProvider
{
    /// <summary>Sends; returns the provider's reference.</summary>
    /// <exception cref="SmsRefusedException">The provider refused it for good (or there is none): the message fails.</exception>
    /// <exception cref="Exception">Any other: the provider could not be reached or failed for now; the message is tried again.</exception>
    Task<string> SendAsync(string phone, string text, string reference, CancellationToken cancellationToken);
}

/// <summary>The SMS was refused for good: trying again would not help (no provider, a bad number, a rejected key).</summary>
public sealed class SmsRefusedException(string reason) : Exception(reason);

/// <summary>The SMS settings, from <c>Collections:Sms</c>. The API key comes from configuration or a secret, and is never logged.</summary>
public sealed class SmsOptions
{
    public const string Section = "Collections:Sms";

    /// <summary>The provider's endpoint, to which each SMS is POSTed as JSON <c>{to, text, senderId}</c>; none: no HTTP provider.</summary>
    public Uri? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>. A secret: from user secrets or the environment, not from a file in git.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The sender id the provider shows (in India, the DLT-registered header), if it takes one.</summary>
    public string? SenderId { get; set; }

    /// <summary>How long one send may wait for the provider's answer; past it, the message is tried again later.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>In Development only: whether texts are recorded (and sent nowhere) when no URL is set. False: no provider.</summary>
    public bool Recording { get; set; } = true;

    /// <summary>How many texts the recording provider keeps (the newest).</summary>
    public int RecordingCapacity { get; set; } = 1_000;

    public override string ToString() => $"SMS provider {Url?.GetLeftPart(UriPartial.Path) ?? "(none)"}"; // never the key
}

/// <summary>
/// An SMS gateway reached over HTTP: POSTs <c>{"to", "text", "senderId"}</c> as JSON to <see cref="SmsOptions.Url"/>
/// with the key as a bearer token, through <see cref="IHttpClientFactory"/> (no retries of its own: the dispatcher
/// tries again with back-off, so a provider that took a text but answered late is not sent it twice at once). A 2xx
/// answer is sent (its <c>id</c> or <c>messageId</c>, if any, is the reference); 5xx, 408, 429 and no answer are tried
/// again; any other answer is refused for good, with the provider's reason.
/// </summary>
public sealed class HttpJsonSmsProvider(IHttpClientFactory clients, SmsOptions options) : ISmsProvider
{
    public const string ClientName = "sms";

    /// <summary>The longest part of a provider's answer kept as the reason of a failure.</summary>
    private const int MaxReason = 300;

    public async Task<string> SendAsync(string phone, string text, string reference, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(new SmsRequest(phone, text, options.SenderId, reference)),
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new("Bearer", options.ApiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the SMS provider did not answer within {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"the SMS provider could not be reached: {Redact(e.Message)}", null, e.StatusCode);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return ReferenceOf(body) ?? reference;
            }

            var reason = $"the SMS provider answered {(int)response.StatusCode} {response.ReasonPhrase}: {Redact(body.Length > MaxReason ? body[..MaxReason] : body)}".TrimEnd(' ', ':');
            var transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            throw transient ? new HttpRequestException(reason, null, response.StatusCode) : new SmsRefusedException(reason);
        }
    }

    /// <summary>The provider's own id of the message, when its answer is JSON with one.</summary>
    private static string? ReferenceOf(string body)
    {
        try
        {
            var answer = System.Text.Json.Nodes.JsonNode.Parse(body);
            return (answer?["id"] ?? answer?["messageId"])?.ToString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>What the provider said, with the key taken out should it echo it.</summary>
    private string Redact(string text) =>
        string.IsNullOrEmpty(options.ApiKey) ? text : text.Replace(options.ApiKey, "***", StringComparison.Ordinal);

    private sealed record SmsRequest(string To, string Text, string? SenderId, string Reference);
}

/// <summary>No provider is configured: every SMS fails with "no provider" (outside Development, without <c>Collections:Sms:Url</c>).</summary>
public sealed class NoSmsProvider : ISmsProvider
{
    public const string Reason = "no provider";

    public Task<string> SendAsync(string phone, string text, string reference, CancellationToken cancellationToken) =>
        throw new SmsRefusedException(Reason);
}

/// <summary>Keeps the newest text messages it is given, and sends nothing: what development and the tests read back. Development only.</summary>
public sealed class RecordingSmsProvider(int capacity = 1_000) : ISmsProvider
{
    private readonly ConcurrentQueue<(string Phone, string Text, string Reference)> _sent = new();

    public IReadOnlyCollection<(string Phone, string Text, string Reference)> Sent => _sent;

    public Task<string> SendAsync(string phone, string text, string reference, CancellationToken cancellationToken)
    {
        _sent.Enqueue((phone, text, reference));
        while (_sent.Count > capacity && _sent.TryDequeue(out _))
        {
        }

        return Task.FromResult(reference);
    }
}
