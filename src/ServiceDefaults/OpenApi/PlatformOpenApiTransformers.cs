using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ArPlatform.ServiceDefaults.OpenApi;

/// <summary>
/// What every operation of the platform shares, said once: the token it needs (OAuth2 client credentials at the
/// gateway's /connect/token, sent as a bearer token), the problem-details answers (RFC 9457) that the pipeline gives
/// whatever the endpoint does, and the gateway's rate-limit headers (src/Gateway/RateLimiting).
/// </summary>
internal static class PlatformOpenApiTransformers
{
    public const string OAuth2 = "oauth2";
    public const string Bearer = "bearer";
    private const string Problem = "ProblemDetails";
    private const string ValidationProblem = "HttpValidationProblemDetails";
    private const string ProblemJson = "application/problem+json";

    /// <summary>The longest title, detail or error message the services write into a problem.</summary>
    private const int MaxProblemText = 4000;

    /// <summary>Kestrel's default MaxRequestLineSize.</summary>
    private const int RequestLineLimit = 8192;

    public static Task DocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Description ??= "An ArPlatform service, called through the gateway. Errors are RFC 9457 problem details; " +
            "every call is rate limited per API client (RateLimit-Limit, RateLimit-Remaining; Retry-After on 429).";
        document.Info.Contact ??= new OpenApiContact { Name = "ArPlatform", Url = new Uri("https://arplatform.local/support") };
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "/",
                Description = "The gateway that serves this document (production, staging or local alike).",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OAuth2] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "An API client's id and secret exchanged for a short-lived JWT access token (client credentials), " +
                "following RFC8725: signed with RS256; signature, issuer, audience and lifetime are checked on every call.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/connect/token", UriKind.Relative),
                    Scopes = Scopes.All.ToDictionary(s => s, s => $"The {s} scope."),
                },
            },
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The JWT access token from /connect/token, following RFC8725: signature, issuer, audience and lifetime are checked.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = ProblemSchema(validation: false);
        document.Components.Schemas[ValidationProblem] = ProblemSchema(validation: true);
        return Task.CompletedTask;
    }

    public static Task OperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var scopes = metadata.OfType<RequiredScope>().Select(s => s.Scope)
            .Concat(metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(Scopes.All.Contains))
            .Distinct().ToList();
        var secured = !anonymous && metadata.OfType<IAuthorizeData>().Any();
        operation.Responses ??= new OpenApiResponses();
        var responses = operation.Responses;
        if (secured)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth2, document)] = scopes },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
            ];
            Add(responses, document, StatusCodes.Status401Unauthorized, "No token, or one that is expired or not valid.");
            Add(responses, document, StatusCodes.Status403Forbidden,
                scopes.Count > 0 ? $"The token lacks the scope {string.Join(" or ", scopes)} (or names no tenant)." : "The token does not allow this.");
        }

        if (metadata.OfType<RequestExample>().FirstOrDefault() is { } example && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                media.Example = example.Json.DeepClone();
            }
        }

        var hasInput = description.ParameterDescriptions.Count > 0;
        if (hasInput)
        {
            Add(responses, document, StatusCodes.Status400BadRequest, "The request is not valid: errors names each field and the rule it broke.", validation: true);
        }

        if (description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            Add(responses, document, StatusCodes.Status404NotFound, "No such resource for the caller's tenant.");
        }

        if (HttpMethods.IsPost(description.HttpMethod ?? ""))
        {
            // IdempotencyMiddleware: the first request with the key still running, or the key reused with another body.
            Add(responses, document, StatusCodes.Status409Conflict, "A conflict with the resource's state, or the first request with this Idempotency-Key is still running.");
            Add(responses, document, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used with another request body.");
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.Name == "Idempotency-Key"))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Idempotency-Key",
                    In = ParameterLocation.Header,
                    Description = "Any unique string: a replay with the same key and body returns the first answer and has no second effect.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200 },
                });
            }
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Schema: OpenApiSchema paging } && parameter.Name is "page" or "pageSize")
            {
                // Every list pages through Http.Paging, whose limits these are.
                (paging.Minimum, paging.Maximum) = ("1", (parameter.Name == "page" ? Http.Paging.MaxPage : Http.Paging.MaxPageSize)
                    .ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (parameter is OpenApiParameter { Schema: OpenApiSchema { MaxLength: null, Enum: null } schema } && schema.Type?.HasFlag(JsonSchemaType.String) == true)
            {
                // What the endpoint does not limit itself, Kestrel does: a request line of at most 8 KiB (else 414).
                schema.MaxLength = RequestLineLimit;
            }
        }

        Add(responses, document, StatusCodes.Status429TooManyRequests, "Too many requests from this API client: wait for Retry-After seconds.");
        Add(responses, document, StatusCodes.Status500InternalServerError, "An unexpected error: the problem carries a trace id to report.");
        foreach (var (status, response) in responses)
        {
            if (response is OpenApiResponse concrete && (status.StartsWith('2') || status.StartsWith('4')))
            {
                AddRateLimitHeaders(concrete, status == "429");
            }
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponses responses, OpenApiDocument? document, int status, string description, bool validation = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.TryGetValue(key, out var existing))
        {
            if (existing is OpenApiResponse declared && (string.IsNullOrEmpty(declared.Description) || declared.Description == ReasonPhrase(status)))
            {
                declared.Description = description;
            }

            return;
        }

        responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(validation ? ValidationProblem : Problem, document) },
            },
        };
    }

    /// <summary>
    /// Numbers are documented as JSON numbers (the services also read numeric strings, a leniency clients should not
    /// rely on); integers carry their type's range unless the endpoint declares a narrower one; uuids and dates their
    /// fixed length.
    /// </summary>
    public static Task SchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Integer) == true)
        {
            var (min, max) = schema.Format == "int64" ? (long.MinValue, long.MaxValue) : (int.MinValue, int.MaxValue);
            schema.Minimum ??= min.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schema.Maximum ??= max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (schema.Type?.HasFlag(JsonSchemaType.String) == true && schema.MaxLength is null)
        {
            schema.MaxLength = schema.Format switch
            {
                "uuid" => 36,
                "date" => 10,
                _ => null,
            };
        }

        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(ItemsMaxLengthAttribute), inherit: false)
                is [ItemsMaxLengthAttribute items, ..] && schema.Items is OpenApiSchema itemSchema)
        {
            itemSchema.MaxLength = items.Length;
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is null)
        {
            schema.Items = new OpenApiSchema(); // a JsonArray: items of any shape
        }

        return Task.CompletedTask;
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static void AddRateLimitHeaders(OpenApiResponse response, bool tooMany)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["RateLimit-Limit"] = Header("Requests this API client may make per window.");
        response.Headers["RateLimit-Remaining"] = Header("Requests left to this API client in the current window.");
        response.Headers["RateLimit-Reset"] = Header("Seconds until the current window ends.");
        if (tooMany)
        {
            response.Headers["Retry-After"] = Header("Seconds until the window ends and requests are accepted again.");
        }
    }

    private static OpenApiHeader Header(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static OpenApiSchema ProblemSchema(bool validation)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxProblemText };
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation ? "RFC 9457 problem details with errors: each field and the rules it broke." : "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "uri-reference", MaxLength = 2000 },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = MaxProblemText },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Minimum = "100", Maximum = "599" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = MaxProblemText },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "uri-reference", MaxLength = 2000 },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Pattern = "^[0-9a-zA-Z:._-]+$", MaxLength = 100 },
            },
        };
        if (validation)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = 100, Items = text },
            };
        }

        return schema;
    }
}
