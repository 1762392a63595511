using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.SignIn;
using ArPlatform.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Users;

public sealed record UserRequest(
    [property: MaxLength(200)] string? Email, [property: MaxLength(200)] string? Name, [property: MaxLength(4)][property: ItemsMaxLength(20)] List<string>? Roles,
    JsonElement? Tenants, [property: MaxLength(200)] string? CollectorCode);

public sealed record CreatedUserResponse(Guid Id, string SetPasswordUrl, DateTimeOffset SetPasswordExpiresAt, UserResponse User);

public sealed record SetPasswordLinkResponse(string SetPasswordUrl, DateTimeOffset ExpiresAt);

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Scopes.PlatformAdmin);
        users.MapPost("/", CreateAsync).WithName("CreateUser")
            .WithSummary("Creates a staff user; answers the one-time link (72 hours) the person opens to set a password.")
            .WithDescription("""
                Roles and the scopes their tokens carry: platform-admin (every scope), team-lead (collections read, write and admin;
                credits.approve; customers read and write; invoices, documents and reports read), collector (collections read and write;
                customers, invoices and documents read), client-viewer (collections, customers, invoices, documents and reports read;
                exactly one tenant, and no other role), client-approver (what a client-viewer reads, and credits.approve: the client's
                approval of credits above the tenant's limit; exactly one tenant, and no other role).
                tenants: "all" or a list of tenant ids. collectorCode, what customers' assignedCollector holds, is the email unless given.
                """);
        users.MapGet("/", ListAsync).WithName("ListUsers");
        users.MapGet("/{id:guid}", GetAsync).WithName("GetUser");
        users.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateUser").WithSummary("Changes a user's name, roles, tenants or collector code.");
        users.MapPost("/{id:guid}/disable", (Guid id, StaffUsers service, CancellationToken ct) => SetDisabledAsync(id, true, service, ct)).WithName("DisableUser");
        users.MapPost("/{id:guid}/enable", (Guid id, StaffUsers service, CancellationToken ct) => SetDisabledAsync(id, false, service, ct)).WithName("EnableUser");
        users.MapPost("/{id:guid}/set-password-link", NewLinkAsync).WithName("NewSetPasswordLink")
            .WithSummary("A new one-time link to set the password; the user's earlier links stop working.");

        app.MapGet("/set-password", (string? token) => Page(token, null, false)).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(SecretPages.NoStore);
        app.MapPost("/set-password", SetPasswordAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription().AddEndpointFilter(SecretPages.NoStore);
    }

    private static async Task<IResult> CreateAsync(UserRequest request, StaffUsers service, HttpContext http, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var (errors, conflict, user, token) = await service.CreateAsync(Fields(request), ct);
        if (!errors.IsValid)
        {
            return errors.Problem();
        }

        if (conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A user with this email exists.",
                detail: $"{request.Email} is already a user: change it with PATCH /api/v1/users/{{id}}, or send a new set-password link.");
        }

        return TypedResults.Created($"/api/v1/users/{user!.Id}",
            new CreatedUserResponse(user.Id, LinkUrl(http, configuration, token!), clock.GetUtcNow() + StaffUsers.LinkLifetime, UserResponse.Of(user)));
    }

    private static async Task<IResult> ListAsync(IdentityDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.StaffUsers.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct)).Select(UserResponse.Of));

    private static async Task<IResult> GetAsync(Guid id, IdentityDbContext db, CancellationToken ct) =>
        await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) is { } user ? TypedResults.Ok(UserResponse.Of(user)) : NotFound(id);

    private static async Task<IResult> UpdateAsync(Guid id, UserRequest request, StaffUsers service, CancellationToken ct)
    {
        var (errors, user) = await service.UpdateAsync(id, Fields(request), ct);
        return user is null ? NotFound(id) : !errors.IsValid ? errors.Problem() : TypedResults.Ok(UserResponse.Of(user));
    }

    private static async Task<IResult> SetDisabledAsync(Guid id, bool disabled, StaffUsers service, CancellationToken ct) =>
        await service.SetDisabledAsync(id, disabled, ct) is { } user ? TypedResults.Ok(UserResponse.Of(user)) : NotFound(id);

    private static async Task<IResult> NewLinkAsync(Guid id, StaffUsers service, HttpContext http, IConfiguration configuration, TimeProvider clock, CancellationToken ct) =>
        await service.NewLinkAsync(id, ct) is { } token
            ? TypedResults.Ok(new SetPasswordLinkResponse(LinkUrl(http, configuration, token), clock.GetUtcNow() + StaffUsers.LinkLifetime))
            : NotFound(id);

    private static async Task<IResult> SetPasswordAsync(HttpContext http, StaffCredentials credentials, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(null, "Send the form on this page (application/x-www-form-urlencoded).", false);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return Page(null, "The form is too large. Open the link again and type the password once more.", false);
        }

        var token = form["token"].ToString();
        var error = await credentials.SetPasswordAsync(token, form["password"].ToString(), form["confirmation"].ToString(), ct);
        return Page(token, error, error is null);
    }

    private static UserFields Fields(UserRequest r) => new(r.Email, r.Name, r.Roles, r.Tenants, r.CollectorCode);

    private static IResult NotFound(Guid id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such user.", detail: $"User {id} does not exist.");

    /// <summary>
    /// The link on the platform's public address (<c>Identity:PublicUrl</c>: the AppHost gives the gateway's; in
    /// production the ingress's). Without it, this service's own address: no header a caller sends decides where a
    /// password link points.
    /// </summary>
    private static string LinkUrl(HttpContext http, IConfiguration configuration, string token)
    {
        var origin = configuration["Identity:PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host.Value}";
        return $"{origin}/set-password?token={Uri.EscapeDataString(token)}";
    }

    private static IResult Page(string? token, string? error, bool done)
    {
        var body = done
            ? "<p role=\"status\">Your password is set. You can close this page and sign in.</p>"
            : $"""
              {(error is null ? "" : $"<p role=\"alert\" class=\"error\">{WebUtility.HtmlEncode(error)}</p>")}
              <form method="post" action="/set-password">
                <input type="hidden" name="token" value="{WebUtility.HtmlEncode(token ?? "")}">
                <label for="password">New password (at least {StaffCredentials.MinPasswordLength} characters)</label>
                <input id="password" name="password" type="password" autocomplete="new-password" minlength="{StaffCredentials.MinPasswordLength}" required>
                <label for="confirmation">The same password again</label>
                <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
                <button type="submit">Set my password</button>
              </form>
              """;
        return Results.Content($$"""
            <!doctype html>
            <html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Set your password · ArPlatform</title>
            <style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin:.4rem 0}
            input{padding:.5rem;font-size:1rem}button{padding:.6rem;font-size:1rem;margin-top:1rem}.error{color:#a40000}</style></head>
            <body><main><h1>Set your password</h1>{{body}}</main></body></html>
            """, "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
    }
}
